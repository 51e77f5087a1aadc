import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

import { ApiRefusal } from './api.js';

/** A tool's answer: the API's JSON as text (what an agent reads), and as structured content when it is an object. */
export const answer = (value: unknown, note?: string): CallToolResult => ({
  content: [{ type: 'text', text: `${note ? `${note}\n` : ''}${JSON.stringify(value, null, 2)}` }],
});

/** A refusal the agent should read and act on (is an error result, not a protocol error). */
export const refusal = (message: string): CallToolResult => ({
  content: [{ type: 'text', text: message }],
  isError: true,
});

/** Runs a tool's body; the API's refusals become error results in its own words, anything else stays an error. */
export async function tool(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiRefusal) return refusal(error.message);
    throw error;
  }
}
