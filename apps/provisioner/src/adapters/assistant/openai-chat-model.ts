import OpenAI from 'openai';

import { PlatformError } from '../../domain/errors.js';
import type { ChatModel, ChatRequest } from '../../ports/chat-model.js';

/** An answer larger than this is refused unread: a store proposal of 20 products is a few kilobytes. */
export const maxAnswerCharacters = 32 * 1024;

export interface OpenAiChatModelOptions {
  /** `{baseURL}/chat/completions` is called: https://api.openai.com/v1, or any OpenAI-compatible server. */
  baseURL: string;
  model: string;
  /** Sent as the bearer token; empty sends none (a local server that asks for no key). */
  apiKey: string;
  timeoutMs: number;
}

const unavailable = (message: string, retryAfterSeconds?: number) =>
  new PlatformError('assistant_unavailable', message, undefined, { retryAfterSeconds });
const badAnswer = (message: string) => new PlatformError('assistant_bad_answer', message);

/**
 * ChatModel on the official openai SDK (docs/decisions/018-assistant.md): chat completions with a JSON Schema
 * response format, no retries of its own (a person waits; the error says to try again), and every failure in
 * the words an operator can act on.
 */
export class OpenAiChatModel implements ChatModel {
  readonly model: string;
  private readonly client: OpenAI;
  private readonly timeoutMs: number;

  constructor(options: OpenAiChatModelOptions) {
    this.model = options.model;
    this.timeoutMs = options.timeoutMs;
    this.client = new OpenAI({
      baseURL: options.baseURL,
      // The SDK requires a key; a server that needs none ignores the header.
      apiKey: options.apiKey || 'none',
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
  }

  async complete(request: ChatRequest): Promise<string> {
    const completion = await this.client.chat.completions
      .create({
        model: this.model,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: request.schema.name, strict: true, schema: request.schema.schema },
        },
        max_completion_tokens: 4000,
      })
      .catch((error: unknown) => Promise.reject(this.failure(error)));
    const choice = completion.choices?.[0];
    if (!choice?.message) throw badAnswer('the model answered with no message');
    const { message } = choice;
    if (message.refusal) throw badAnswer(`the model declined: ${message.refusal.slice(0, 300)}`);
    if (choice.finish_reason === 'length')
      throw badAnswer('the model’s answer was cut off at its length limit; try a shorter description');
    // A server may answer through a tool call rather than the content: its arguments are the same JSON.
    const call = message.tool_calls?.find((c) => c.type === 'function');
    const text = message.content ?? (call?.type === 'function' ? call.function.arguments : undefined);
    if (!text?.trim()) throw badAnswer('the model’s answer was empty');
    if (text.length > maxAnswerCharacters)
      throw badAnswer(
        `the model’s answer was ${text.length} characters, more than the ${maxAnswerCharacters} a proposal may take`,
      );
    return text;
  }

  private failure(error: unknown): PlatformError {
    if (error instanceof OpenAI.APIConnectionTimeoutError)
      return unavailable(`the model did not answer within ${this.timeoutMs / 1000} s; try again`);
    if (error instanceof OpenAI.APIConnectionError)
      return unavailable(`the model's API could not be reached (${error.message}); try again later`);
    if (error instanceof OpenAI.RateLimitError) {
      const after = Number(error.headers?.get('retry-after'));
      return unavailable(
        'the model’s API is rate-limiting the platform (HTTP 429); try again in a minute',
        Number.isFinite(after) && after > 0 ? Math.ceil(after) : 60,
      );
    }
    if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError)
      return unavailable(
        `the model’s API refused the platform’s key (HTTP ${error.status}); the operator should check assistant.apiKeySecret`,
      );
    if (error instanceof OpenAI.APIError)
      return unavailable(
        `the model’s API failed (HTTP ${error.status ?? '?'}): ${error.message.slice(0, 300)}`,
      );
    // Not an HTTP failure: the SDK could not read the answer (a body that is no JSON).
    const said = error instanceof Error ? error.message : String(error);
    return badAnswer(`the model’s API answered something unreadable: ${said.slice(0, 300)}`);
  }
}
