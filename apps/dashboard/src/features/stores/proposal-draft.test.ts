import { describe, expect, it } from 'vitest';

import { checkProposal, draftOf, productDraft, type ProposalDraft } from './proposal-draft.js';

const draft = (changes: Partial<ProposalDraft> = {}): ProposalDraft => ({
  ...draftOf({
    name: 'sweet-crumbs',
    engine: 'woocommerce',
    plan: 'basic',
    title: 'Sweet Crumbs',
    catalog: { products: [{ name: 'Chocolate cake', price: '450', description: '' }] },
  }),
  ...changes,
});

describe('checkProposal', () => {
  it('gives the POST /stores body of a valid draft, its name settled and its text trimmed', () => {
    expect(checkProposal(draft({ name: 'sweet-crumbs-', title: ' Sweet Crumbs ' }), [])).toEqual({
      request: {
        name: 'sweet-crumbs',
        engine: 'woocommerce',
        plan: 'basic',
        title: 'Sweet Crumbs',
        catalog: { products: [{ name: 'Chocolate cake', price: '450', description: '' }] },
      },
    });
  });

  it('names each field at fault by its path in the body, in plain words', () => {
    const products = [
      productDraft({ name: 'Cake', price: '12,50', description: '' }),
      productDraft({ name: 'cake', price: '3', description: 'x'.repeat(601) }),
    ];
    expect(checkProposal(draft({ name: '', title: ' ', products }), []).problems).toEqual({
      name: 'Give the store a name.',
      title: 'A title of 1 to 100 characters.',
      'catalog.products.0.price': 'A price such as 12 or 12.50, without a currency sign.',
      'catalog.products.1.name': '"cake" is listed twice.',
      'catalog.products.1.description': 'A description of at most 600 characters.',
    });
  });

  it('refuses a name in use, and a catalog without products', () => {
    expect(checkProposal(draft({ products: [] }), ['sweet-crumbs']).problems).toEqual({
      name: 'A store named "sweet-crumbs" already exists.',
      'catalog.products': 'A store starts with 1 to 20 products.',
    });
  });
});
