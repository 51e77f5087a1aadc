import { createStoreRequestSchema } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import { bakeryAnswer } from '../../test/scripted-model-server.js';
import type { ChatModel, ChatRequest } from '../ports/chat-model.js';
import { AssistantService } from './assistant-service.js';

/** A model that answers `answer` (as JSON text) and keeps what it was asked. */
function scripted(answer: unknown): ChatModel & { asked: ChatRequest[] } {
  const asked: ChatRequest[] = [];
  return {
    model: 'scripted',
    asked,
    complete: async (request) => {
      asked.push(request);
      return typeof answer === 'string' ? answer : JSON.stringify(answer);
    },
  };
}
const noStores = { getStore: async () => undefined };
const bakery = bakeryAnswer;

describe('AssistantService', () => {
  it('says it is off, and refuses to propose, without a model', async () => {
    const assistant = new AssistantService(undefined, noStores);
    expect(assistant.status()).toEqual({ enabled: false, model: null });
    await expect(assistant.plan('a bakery in Pune')).rejects.toMatchObject({
      code: 'assistant_not_configured',
    });
  });

  it('turns a good answer into a proposal that POST /stores takes as it is', async () => {
    const model = scripted(bakery);
    const {
      proposal,
      adjustments,
      model: name,
    } = await new AssistantService(model, noStores).plan('a bakery in Pune called Sweet Crumbs');
    expect(name).toBe('scripted');
    expect(proposal).toEqual({
      name: 'sweet-crumbs',
      engine: 'woocommerce',
      plan: 'basic',
      title: 'Sweet Crumbs, Pune',
      catalog: { products: bakery.products },
    });
    expect(createStoreRequestSchema.parse(proposal)).toEqual(proposal);
    expect(adjustments).toEqual(['the name "Sweet Crumbs" was made address-safe: "sweet-crumbs"']);
    // The person's words go to the model fenced off as data, with the answer's schema.
    expect(model.asked[0]?.user).toContain('<<<\na bakery in Pune called Sweet Crumbs\n>>>');
    expect(model.asked[0]?.schema.schema).toMatchObject({
      additionalProperties: false,
      required: expect.any(Array),
    });
  });

  it('numbers a name that a store already has', async () => {
    const taken = new Set(['sweet-crumbs', 'sweet-crumbs-2']);
    const assistant = new AssistantService(scripted({ ...bakery, name: 'sweet-crumbs' }), {
      getStore: async (name) => (taken.has(name) ? ({ name } as never) : undefined),
    });
    const { proposal, adjustments } = await assistant.plan('a bakery in Pune');
    expect(proposal.name).toBe('sweet-crumbs-3');
    expect(adjustments).toEqual(['a store named "sweet-crumbs" exists, so this one is "sweet-crumbs-3"']);
  });

  it.each([
    ['text that is not JSON', 'Sure! Here is your store: Sweet Crumbs', 'it is not JSON'],
    ['a field the schema does not have', { ...bakery, deleteStores: ['*'] }, 'Unrecognized key'],
    [
      'a price with a currency sign',
      { ...bakery, products: [{ name: 'Cake', price: '$12', description: '' }] },
      'catalog.products.0.price: must be a price such as 12 or 12.50',
    ],
    [
      'more than 20 products',
      {
        ...bakery,
        products: Array.from({ length: 21 }, (_, i) => ({ name: `Cake ${i}`, price: '1', description: '' })),
      },
      'catalog.products',
    ],
    [
      'a product listed twice',
      {
        ...bakery,
        products: [bakery.products[0], { ...bakery.products[0], name: 'CHOCOLATE truffle cake' }],
      },
      'catalog.products.1.name: "CHOCOLATE truffle cake" is listed twice',
    ],
  ])('refuses an answer with %s, saying why', async (_what, answer, why) => {
    await expect(new AssistantService(scripted(answer), noStores).plan('a bakery')).rejects.toMatchObject({
      code: 'assistant_bad_answer',
      message: expect.stringContaining(why),
    });
  });
});
