/** What a store proposal asks of a model: its instructions, the person's words, and the JSON Schema to answer in. */
export interface ChatRequest {
  system: string;
  user: string;
  /** The answer's JSON Schema (OpenAI's structured outputs, strict: every field required, nothing more). */
  schema: { name: string; schema: Record<string, unknown> };
}

/**
 * A chat-completions model that answers in JSON. `complete` resolves with the answer's JSON text, unparsed; it
 * rejects with a PlatformError `assistant_unavailable` (no answer: a timeout, the API's 429 or 5xx, no
 * connection) or `assistant_bad_answer` (an answer that is no JSON text: cut off, refused, empty, too large).
 */
export interface ChatModel {
  /** The model's name, shown beside its proposals. */
  readonly model: string;
  complete(request: ChatRequest): Promise<string>;
}
