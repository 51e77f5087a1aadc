import { catalogProblem, storeProposalSchema, type StoreProposal } from '@store-platform/contracts';

import { nameCheck, settledName } from './name-check.js';

/** A product of the catalog as it is being edited; `key` stays with its row when another row is removed. */
export interface ProductDraft {
  key: number;
  name: string;
  price: string;
  description: string;
}

/** A proposal as it is being edited: the name as typed (see name-check.ts), each field as a string. */
export interface ProposalDraft {
  name: string;
  engine: StoreProposal['engine'];
  plan: StoreProposal['plan'];
  title: string;
  products: ProductDraft[];
}

/**
 * What is wrong with a draft, keyed by the field's path in the POST /stores body, as the API names fields without
 * its `body.` ("name", "title", "catalog.products", "catalog.products.0.price").
 */
export type Problems = Record<string, string>;

let lastKey = 0;

/** A row of the catalog editor: the product given, or an empty one to fill in. */
export function productDraft(product: Omit<ProductDraft, 'key'> = { name: '', price: '', description: '' }) {
  lastKey += 1;
  return { key: lastKey, ...product };
}

/** The proposal the API made, ready to edit. */
export function draftOf(proposal: StoreProposal): ProposalDraft {
  return {
    name: proposal.name,
    engine: proposal.engine,
    plan: proposal.plan,
    title: proposal.title,
    products: proposal.catalog.products.map((product) => productDraft(product)),
  };
}

/** The POST /stores body the draft stands for, before it is checked. */
function bodyOf(draft: ProposalDraft) {
  return {
    name: settledName(draft.name),
    engine: draft.engine,
    plan: draft.plan,
    title: draft.title,
    catalog: {
      products: draft.products.map(({ name, price, description }) => ({ name, price, description })),
    },
  };
}

/** Each field's refusal in plain words, by the last part of its path (the contract's schema decides what is refused). */
const words: Record<string, string> = {
  title: 'A title of 1 to 100 characters.',
  name: 'A product name of 1 to 120 characters.',
  price: 'A price such as 12 or 12.50, without a currency sign.',
  description: 'A description of at most 600 characters.',
  products: 'A store starts with 1 to 20 products.',
};

/**
 * The draft checked with the contract's `storeProposalSchema` and against the names in use: the request to send
 * when nothing is wrong, and otherwise what is wrong with each field.
 */
export function checkProposal(
  draft: ProposalDraft,
  takenNames: readonly string[],
): { request: StoreProposal; problems?: undefined } | { request?: undefined; problems: Problems } {
  const body = bodyOf(draft);
  const problems: Problems = {};
  const nameProblem = body.name === '' ? 'Give the store a name.' : nameCheck(body.name, takenNames);
  if (nameProblem) problems.name = nameProblem;
  const parsed = storeProposalSchema.safeParse(body);
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.join('.');
    const last = String(issue.path.at(-1));
    // A custom issue (a product listed twice) already says what is wrong with this very value.
    const message =
      issue.code === 'custom' && path !== 'name'
        ? `${issue.message}.`
        : (words[last] ?? 'This is not valid.');
    problems[path] ??= path === 'name' ? 'The name is not valid.' : message;
  }
  // A name twice is refused by the API (422), not by the schema: checked here too, under the product's name.
  const twice = catalogProblem(body.catalog);
  if (twice) problems[`catalog.products.${twice.index}.name`] = `${twice.message}.`;
  if (parsed.success && Object.keys(problems).length === 0) return { request: parsed.data };
  return { problems };
}
