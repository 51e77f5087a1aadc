import type { BulkOutcome } from '../../api/bulk.js';

const stores = (n: number) => `${n} ${n === 1 ? 'store' : 'stores'}`;

/**
 * A bulk action's outcome in plain words, store by store where something went wrong: "3 stores are being deleted.
 * 1 refused: b-shop (the store changed since you loaded it). 2 not sent: too many writes …".
 */
export function bulkSummary(action: 'delete' | 'retry', outcomes: readonly BulkOutcome[]): string {
  const started = outcomes.filter((o) => o.result === 'started');
  const refused = outcomes.filter((o) => o.result === 'refused');
  const notSent = outcomes.filter((o) => o.result === 'not-sent');
  const sentences: string[] = [];
  if (started.length > 0) {
    const verb = action === 'delete' ? 'deleted' : 'retried';
    sentences.push(`${stores(started.length)} ${started.length === 1 ? 'is' : 'are'} being ${verb}.`);
  }
  if (refused.length > 0) {
    const each = refused.map((o) => `${o.store} (${o.reason ?? 'no reason given'})`).join('; ');
    sentences.push(`${refused.length} refused: ${each}.`);
  }
  if (notSent.length > 0) {
    sentences.push(
      `${notSent.length} not sent (${notSent.map((o) => o.store).join(', ')}): ${notSent[0]?.reason}.`,
    );
  }
  return sentences.join(' ');
}

/** What the user types to confirm deleting `count` stores. */
export const deletePhrase = (count: number) => `delete ${stores(count)}`;
