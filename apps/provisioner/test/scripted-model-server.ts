import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A model's good answer for "a bakery in Pune called Sweet Crumbs" (the JSON Schema of assistant-service.ts). */
export const bakeryAnswer = {
  name: 'Sweet Crumbs',
  plan: 'basic',
  title: 'Sweet Crumbs, Pune',
  products: [
    { name: 'Chocolate truffle cake', price: '650', description: 'Dark chocolate, made to order.' },
    {
      name: 'Red velvet cake',
      price: '700.50',
      description: 'With cream-cheese frosting, "as it should be".',
    },
    { name: 'Gâteau au citron', price: '540', description: 'Lemon, light and sharp.' },
  ],
};

/** What the scripted server answers to the next POST /v1/chat/completions. */
export type ModelScript =
  | { answer: 'content'; content: string }
  | { answer: 'tool-call'; arguments: string }
  | { answer: 'status'; status: number; body: unknown; headers?: Record<string, string> }
  /** Answers nothing until the client gives up (a timeout). */
  | { answer: 'hang' };

export interface ReceivedRequest {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
  };
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** A chat completion as OpenAI's API returns it (https://platform.openai.com/docs/api-reference/chat/object). */
function completion(model: string, message: Record<string, unknown>, finishReason: string) {
  return {
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', refusal: null, ...message },
        finish_reason: finishReason,
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 100, total_tokens: 200 },
  };
}

/**
 * An OpenAI-compatible chat-completions server for tests, over real HTTP: each request takes the next script
 * (the last one repeats), and is kept as it arrived, so that a test checks what the platform sent.
 */
export async function startScriptedModel(): Promise<{
  baseUrl: string;
  received: ReceivedRequest[];
  script: (...scripts: ModelScript[]) => void;
  close: () => Promise<void>;
}> {
  let scripts: ModelScript[] = [];
  const received: ReceivedRequest[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await readBody(request);
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `no route ${request.method} ${request.url}` } }));
        return;
      }
      const body = JSON.parse(text) as ReceivedRequest['body'];
      received.push({ path: request.url, authorization: request.headers.authorization, body });
      const next = (scripts.length > 1 ? scripts.shift() : scripts[0]) ?? { answer: 'hang' };
      if (next.answer === 'hang') {
        hanging.add(() => response.destroy());
        return;
      }
      if (next.answer === 'status') {
        response.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
        response.end(JSON.stringify(next.body));
        return;
      }
      const answer =
        next.answer === 'content'
          ? completion(body.model, { content: next.content }, 'stop')
          : completion(
              body.model,
              {
                content: null,
                tool_calls: [
                  {
                    id: 'call_1',
                    type: 'function',
                    function: { name: 'store_proposal', arguments: next.arguments },
                  },
                ],
              },
              'tool_calls',
            );
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received,
    script: (...next) => {
      scripts = next;
    },
    close: async () => {
      for (const end of hanging) end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
