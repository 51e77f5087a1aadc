// @vitest-environment jsdom
import {
  assistantPlanResponseSchema,
  assistantStatusSchema,
  engineListSchema,
  quotaSchema,
  storeListSchema,
  storeSchema,
  type AssistantPlanResponse,
} from '@store-platform/contracts';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { anOperation, aStore, FakeApi, renderWithApi } from '../../api/testing.js';
import { CreateStorePage } from './CreateStorePage.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const model = 'llama3.1:8b';
const description = 'A bakery in Pune called Sweet Crumbs, small to start, with three cakes';
const answer: AssistantPlanResponse = {
  proposal: {
    name: 'sweet-crumbs',
    engine: 'woocommerce',
    plan: 'basic',
    title: 'Sweet Crumbs',
    catalog: {
      products: [
        { name: 'Chocolate cake', price: '450', description: 'Rich and dark.' },
        { name: 'Carrot cake', price: '380.50', description: 'With walnuts.' },
        { name: 'Lemon tart', price: '300', description: '' },
      ],
    },
  },
  adjustments: ['The name "sweet-crumbs-pune" is in use; the proposal uses "sweet-crumbs".'],
  model,
};

/** The browser around the page: its address's query, and its Back button. */
function Browser() {
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="address">{useLocation().search}</output>
      <button type="button" onClick={() => void navigate(-1)}>
        Browser back
      </button>
    </>
  );
}

/** The new-store page at `at`, with the assistant on (unless `enabled` is false) and a store named taken-shop. */
function renderPage({ enabled = true, at = '/stores/new' } = {}) {
  const api = new FakeApi()
    .install()
    .reply('GET', '/engines', engineListSchema, {
      items: [
        {
          id: 'woocommerce',
          title: 'WooCommerce',
          description: 'WordPress',
          availability: 'available',
          versions: [],
        },
      ],
      baseDomain: 'example.test',
    })
    .reply('GET', '/quota', quotaSchema, { used: 1, limit: 20, failed: 0 })
    .reply('GET', '/stores', storeListSchema, { items: [aStore({ name: 'taken-shop' })] })
    .reply(
      'GET',
      '/assistant',
      assistantStatusSchema,
      enabled ? { enabled: true, model } : { enabled: false, model: null },
    )
    .reply('POST', '/assistant/plan', assistantPlanResponseSchema, answer);
  renderWithApi(
    <>
      <Routes>
        <Route path="/stores/new" element={<CreateStorePage />} />
        <Route path="/stores/:name" element={<h1>The store page</h1>} />
      </Routes>
      <Browser />
    </>,
    { path: at },
  );
  return api;
}

const address = () => screen.getByTestId('address').textContent;
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const productNames = () =>
  screen.getAllByLabelText(/^Product \d+ name$/).map((field) => (field as HTMLInputElement).value);

/** Opens the path from the page's link and asks for a proposal of `description`. */
async function propose() {
  fireEvent.click(await screen.findByRole('link', { name: 'Describe your store' }));
  fireEvent.change(screen.getByLabelText('Describe your store'), { target: { value: description } });
  fireEvent.click(button('Propose a store'));
}

/** Proposes, and waits for the proposal to show. */
async function reviewProposal() {
  await propose();
  await screen.findByRole('heading', { name: 'Review the proposal' });
}

describe('Describe your store', () => {
  it('is not offered at all while the assistant is off, not even at its address', async () => {
    renderPage({ enabled: false, at: '/stores/new?path=describe' });
    await screen.findByRole('heading', { name: 'Choose an engine' });
    expect(screen.queryByRole('link', { name: 'Describe your store' })).toBeNull();
    expect(screen.queryByLabelText('Describe your store')).toBeNull();
    expect(screen.queryByText(/Describe/)).toBeNull();
  });

  it('is not offered by a provisioner without the assistant (404)', async () => {
    renderPage().fail('GET', '/assistant', 404, { code: 'not_found', message: 'no such route' });
    await screen.findByRole('heading', { name: 'Choose an engine' });
    await vi.waitFor(() => expect(screen.queryByText('Loading engines…')).toBeNull());
    expect(screen.queryByRole('link', { name: 'Describe your store' })).toBeNull();
  });

  it('opens from the page in the address, its heading focused, with an example of a description', async () => {
    renderPage();
    fireEvent.click(await screen.findByRole('link', { name: 'Describe your store' }));
    expect(address()).toBe('?path=describe');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }));
    expect(screen.getByLabelText('Describe your store').getAttribute('placeholder')).toContain(
      'A bakery in Pune called Sweet Crumbs',
    );
    expect(screen.queryByRole('link', { name: 'Describe your store' })).toBeNull();
  });

  it('says the model is being asked, and cannot be asked twice meanwhile', async () => {
    const api = renderPage();
    const release = api.hold('POST', '/assistant/plan');
    await propose();
    expect((await screen.findByText(/^Asking/)).textContent).toBe(
      `Asking ${model}… this can take up to 30 seconds.`,
    );
    expect(button('Propose a store').disabled).toBe(true);
    fireEvent.click(button('Propose a store'));
    release();
    await screen.findByRole('heading', { name: 'Review the proposal' });
    expect(api.requestsTo('POST', '/assistant/plan')).toHaveLength(1);
  });

  it('shows the proposal to review, with the notes and the model, and creates nothing yet', async () => {
    const api = renderPage();
    await reviewProposal();
    expect(api.requestsTo('POST', '/assistant/plan')[0]?.body).toEqual({ prompt: description });
    expect(address()).toBe('?path=describe&step=review');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Review the proposal' }));
    expect(input('Store name').value).toBe('sweet-crumbs');
    expect(screen.getByTestId('name-preview').textContent).toBe(
      'Its address: https://sweet-crumbs.example.test',
    );
    expect(input('Store title').value).toBe('Sweet Crumbs');
    expect((screen.getByLabelText(/Basic/) as HTMLInputElement).checked).toBe(true);
    expect(productNames()).toEqual(['Chocolate cake', 'Carrot cake', 'Lemon tart']);
    expect(input('Product 2 price').value).toBe('380.50');
    expect(input('Product 1 description').value).toBe('Rich and dark.');
    expect(screen.getByText(answer.adjustments[0] ?? '')).toBeTruthy();
    expect(screen.getByText(/Proposed by/).textContent).toContain(`${model}: a WooCommerce store`);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.requestsTo('POST', '/stores')).toHaveLength(0);
  });

  it('explains a price with a currency sign and does not create the store', async () => {
    const api = renderPage();
    await reviewProposal();
    fireEvent.change(input('Product 2 price'), { target: { value: '$5' } });
    expect(screen.getByRole('alert').textContent).toBe(
      'A price such as 12 or 12.50, without a currency sign.',
    );
    expect(input('Product 2 price').getAttribute('aria-invalid')).toBe('true');
    expect(button('Create store').disabled).toBe(true);
    fireEvent.click(button('Create store'));
    fireEvent.submit(button('Create store').closest('form') as HTMLFormElement);
    expect(api.requestsTo('POST', '/stores')).toHaveLength(0);
    fireEvent.change(input('Product 2 price'), { target: { value: '5' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(button('Create store').disabled).toBe(false);
  });

  it('checks the name as it is typed, as the wizard does', async () => {
    renderPage();
    await reviewProposal();
    fireEvent.change(input('Store name'), { target: { value: 'Taken Shop' } });
    expect(input('Store name').value).toBe('taken-shop');
    expect(screen.getByRole('alert').textContent).toBe('A store named "taken-shop" already exists.');
    expect(button('Create store').disabled).toBe(true);
  });

  it('removes a product, the focus on the one now in its place, and adds one', async () => {
    renderPage();
    await reviewProposal();
    fireEvent.click(button('Remove product 2'));
    expect(productNames()).toEqual(['Chocolate cake', 'Lemon tart']);
    expect(document.activeElement).toBe(input('Product 2 name'));
    expect(screen.queryByRole('button', { name: 'Remove product 3' })).toBeNull();
    fireEvent.click(button('Add a product'));
    expect(productNames()).toEqual(['Chocolate cake', 'Lemon tart', '']);
    expect(document.activeElement).toBe(input('Product 3 name'));
    // An empty product cannot be created; its fields say what they need.
    expect(button('Create store').disabled).toBe(true);
  });

  it('creates exactly the edited proposal and opens the new store', async () => {
    const api = renderPage().reply(
      'POST',
      '/stores',
      storeSchema,
      aStore({
        name: 'sweet-crumbs-pune',
        status: 'provisioning',
        operation: anOperation({ phase: 'queued' }),
      }),
      202,
    );
    await reviewProposal();
    fireEvent.change(input('Store name'), { target: { value: 'Sweet Crumbs Pune' } });
    fireEvent.change(input('Store title'), { target: { value: 'Sweet Crumbs, Pune' } });
    fireEvent.click(screen.getByLabelText(/Standard/));
    fireEvent.click(button('Remove product 3'));
    fireEvent.change(input('Product 1 price'), { target: { value: '475.00' } });
    fireEvent.click(button('Add a product'));
    fireEvent.change(input('Product 3 name'), { target: { value: 'Rose cupcake' } });
    fireEvent.change(input('Product 3 price'), { target: { value: '60' } });
    fireEvent.change(input('Product 3 description'), { target: { value: 'Six to a box.' } });
    expect(api.requestsTo('POST', '/stores')).toHaveLength(0);
    fireEvent.click(button('Create store'));
    await screen.findByRole('heading', { name: 'The store page' });
    expect(api.requestsTo('POST', '/stores').map((request) => request.body)).toEqual([
      {
        name: 'sweet-crumbs-pune',
        engine: 'woocommerce',
        plan: 'standard',
        title: 'Sweet Crumbs, Pune',
        catalog: {
          products: [
            { name: 'Chocolate cake', price: '475.00', description: 'Rich and dark.' },
            { name: 'Carrot cake', price: '380.50', description: 'With walnuts.' },
            { name: 'Rose cupcake', price: '60', description: 'Six to a box.' },
          ],
        },
      },
    ]);
  });

  it('shows a refusal of the name under the name, as the wizard does, until the name is changed', async () => {
    const api = renderPage().fail('POST', '/stores', 409, {
      code: 'name_taken',
      message: 'a store named "sweet-crumbs" already exists',
      details: { field: 'name' },
    });
    await reviewProposal();
    fireEvent.click(button('Create store'));
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toBe('a store named "sweet-crumbs" already exists');
    expect(input('Store name').getAttribute('aria-describedby')).toContain(refusal.id);
    fireEvent.change(input('Store name'), { target: { value: 'sweet-crumbs-2' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.requestsTo('POST', '/stores')).toHaveLength(1);
  });

  it("shows the API's message when no proposal came, and creates nothing", async () => {
    const api = renderPage().fail('POST', '/assistant/plan', 503, {
      code: 'assistant_unavailable',
      message: 'the model did not answer in 30 s; try again',
    });
    await propose();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'the model did not answer in 30 s; try again',
    );
    expect(screen.queryByRole('heading', { name: 'Review the proposal' })).toBeNull();
    expect((screen.getByLabelText('Describe your store') as HTMLTextAreaElement).value).toBe(description);
    expect(button('Propose a store').disabled).toBe(false);
    expect(api.requestsTo('POST', '/stores')).toHaveLength(0);
  });

  it('asks for a longer description before asking the model', async () => {
    const api = renderPage();
    fireEvent.click(await screen.findByRole('link', { name: 'Describe your store' }));
    fireEvent.change(screen.getByLabelText('Describe your store'), { target: { value: 'cakes' } });
    fireEvent.click(button('Propose a store'));
    expect(screen.getByRole('alert').textContent).toBe(
      'Describe the store in 10 to 2000 characters (now 5).',
    );
    expect(api.requestsTo('POST', '/assistant/plan')).toHaveLength(0);
  });

  it('starts over from the description as it was typed, and Back does the same', async () => {
    renderPage();
    await reviewProposal();
    fireEvent.click(button('Start over'));
    expect(address()).toBe('?path=describe');
    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading.textContent).toBe('Start from a description');
    expect(document.activeElement).toBe(heading);
    expect((screen.getByLabelText('Describe your store') as HTMLTextAreaElement).value).toBe(description);
    fireEvent.click(button('Propose a store'));
    await screen.findByRole('heading', { name: 'Review the proposal' });
    fireEvent.click(button('Browser back'));
    expect(address()).toBe('?path=describe');
    expect((screen.getByLabelText('Describe your store') as HTMLTextAreaElement).value).toBe(description);
    fireEvent.click(button('Browser back'));
    expect(address()).toBe('');
    await screen.findByRole('heading', { name: 'Choose an engine' });
  });

  it('opened at the proposal address without a proposal, shows the description', async () => {
    renderPage({ at: '/stores/new?path=describe&step=review' });
    await screen.findByLabelText('Describe your store');
    await vi.waitFor(() => expect(address()).toBe('?path=describe'));
  });
});
