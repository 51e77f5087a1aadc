// @vitest-environment jsdom
import type { EngineView, QuotaView } from '@store-platform/contracts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { CreateStoreWizard } from './CreateStoreWizard.js';

afterEach(cleanup);

const engines: EngineView[] = [
  {
    id: 'woocommerce',
    title: 'WooCommerce',
    description: 'WordPress',
    availability: 'available',
    versions: [],
  },
  { id: 'medusa', title: 'MedusaJS', description: 'Headless', availability: 'coming_soon', versions: [] },
];

/** The browser around the wizard: its address, and its Back button. */
function Browser() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="address">{location.search}</output>
      <button type="button" onClick={() => void navigate(-1)}>
        Browser back
      </button>
    </>
  );
}

function renderWizard(
  options: { serverError?: { field?: string; message: string }; quota?: QuotaView; at?: string } = {},
) {
  const onSubmit = vi.fn();
  const view = render(
    <MemoryRouter initialEntries={['/', `/stores/new${options.at ?? ''}`]} initialIndex={1}>
      <CreateStoreWizard
        engines={engines}
        baseDomain="127.0.0.1.nip.io"
        quota={options.quota}
        takenNames={['taken-shop']}
        submitting={false}
        serverError={options.serverError}
        onSubmit={onSubmit}
      />
      <Browser />
    </MemoryRouter>,
  );
  const next = () => fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  return { onSubmit, next, view };
}

const heading = () => screen.getByRole('heading', { level: 2 }).textContent;
const address = () => screen.getByTestId('address').textContent;
const nameField = () => screen.getByLabelText('Store name') as HTMLInputElement;

describe('CreateStoreWizard', () => {
  it('shows MedusaJS as Coming Soon, and it cannot be chosen', () => {
    renderWizard();
    expect(screen.getByText('Coming Soon')).toBeTruthy();
    const medusa = screen.getByLabelText(/MedusaJS/) as HTMLInputElement;
    expect(medusa.disabled).toBe(true);
    expect(medusa.closest('label')?.textContent).toContain('It cannot be chosen yet.');
    // (jsdom checks a disabled radio on click, which browsers do not; the browser test clicks it.)
    expect((screen.getByLabelText(/WooCommerce/) as HTMLInputElement).checked).toBe(true);
    expect(heading()).toBe('Choose an engine');
  });

  it('says on the first step how many stores are used, and links to the failed ones', () => {
    renderWizard({ quota: { used: 19, limit: 20, failed: 2 } });
    const quota = screen.getByTestId('quota');
    expect(quota.textContent).toBe(
      '19 of 20 stores used. 2 failed stores count; deleting them frees places.',
    );
    expect(screen.getByRole('link', { name: '2 failed stores count' }).getAttribute('href')).toBe(
      '/?status=failed',
    );
  });

  it('stops at the first step when the quota is used up, and says why', () => {
    const { next } = renderWizard({ quota: { used: 20, limit: 20, failed: 0 } });
    expect(screen.getByTestId('quota').textContent).toBe(
      'You have used all 20 of your stores: delete one before creating another.',
    );
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    next();
    expect(heading()).toBe('Choose an engine');
  });

  it('makes a typed name valid as it is typed and previews the store address', () => {
    const { next } = renderWizard();
    next();
    expect(screen.getByTestId('name-preview').textContent).toBe('Its address will show here as you type.');
    fireEvent.change(nameField(), { target: { value: 'Demo ' } });
    expect(nameField().value).toBe('demo-');
    fireEvent.change(nameField(), { target: { value: 'demo-Shop' } });
    expect(nameField().value).toBe('demo-shop');
    expect(screen.getByTestId('name-preview').textContent).toBe(
      'Its address: https://demo-shop.127.0.0.1.nip.io',
    );
    fireEvent.change(nameField(), { target: { value: 'demo shop ' } });
    // A trailing space is the start of a next word, not part of the name or of its address.
    expect(screen.getByTestId('name-preview').textContent).toBe(
      'Its address: https://demo-shop.127.0.0.1.nip.io',
    );
    expect(screen.queryByRole('alert')).toBeNull();
    next();
    expect(heading()).toBe('Review and create');
    expect(screen.getByText('https://demo-shop.127.0.0.1.nip.io')).toBeTruthy();
  });

  it('keeps each step in the address; the browser Back goes to the previous step and keeps the input', () => {
    const { next } = renderWizard();
    expect(address()).toBe('');
    next();
    expect(address()).toBe('?step=plan');
    fireEvent.change(nameField(), { target: { value: 'corner shop' } });
    fireEvent.click(screen.getByLabelText(/Standard/));
    next();
    expect(address()).toBe('?step=review');
    fireEvent.click(screen.getByRole('button', { name: 'Browser back' }));
    expect(heading()).toBe('Name and plan');
    expect(address()).toBe('?step=plan');
    expect(nameField().value).toBe('corner-shop');
    expect((screen.getByLabelText(/Standard/) as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }));
    // The wizard's Back is the browser's: one more Back leaves the wizard.
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(address()).toBe('');
    expect(heading()).toBe('Choose an engine');
  });

  it('opened at the review step without a name, starts at the first step', () => {
    renderWizard({ at: '?step=review' });
    expect(heading()).toBe('Choose an engine');
  });

  it('explains a bad or taken name as it is typed and does not go on', () => {
    const { next } = renderWizard();
    next();
    expect(heading()).toBe('Name and plan');
    next();
    expect(screen.getByRole('alert').textContent).toBe('Give the store a name.');
    fireEvent.change(nameField(), { target: { value: 'ab' } });
    expect(screen.getByRole('alert').textContent).toContain('must be 3 to 40 characters');
    expect(nameField().getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(nameField(), { target: { value: 'taken-shop' } });
    expect(screen.getByRole('alert').textContent).toBe('A store named "taken-shop" already exists.');
    fireEvent.change(nameField(), { target: { value: 'dashboard' } });
    expect(screen.getByRole('alert').textContent).toContain('reserved');
    next();
    expect(heading()).toBe('Name and plan');
  });

  it('describes each plan, reviews the choice, offers it as curl and creates it', () => {
    const { next, onSubmit } = renderWizard();
    next();
    expect(screen.getByLabelText(/Premium/).closest('label')?.textContent).toContain('3 app replicas');
    fireEvent.change(nameField(), { target: { value: 'corner-shop' } });
    fireEvent.click(screen.getByLabelText(/Standard/));
    next();
    expect(heading()).toBe('Review and create');
    expect(screen.getByText('corner-shop')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy as curl to create this store' })).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Create store' }));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'corner-shop', engine: 'woocommerce', plan: 'standard' });
  });

  it('shows a server refusal of the name under the name field', () => {
    renderWizard({ serverError: { field: 'name', message: 'a store named "x" already exists' } });
    expect(heading()).toBe('Name and plan');
    expect(screen.getByRole('alert').textContent).toBe('a store named "x" already exists');
  });
});
