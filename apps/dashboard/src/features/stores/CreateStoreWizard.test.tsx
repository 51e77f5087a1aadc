// @vitest-environment jsdom
import type { EngineView } from '@store-platform/contracts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
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

function renderWizard(serverError?: { field?: string; message: string }) {
  const onSubmit = vi.fn();
  const view = render(
    <CreateStoreWizard
      engines={engines}
      takenNames={['taken-shop']}
      submitting={false}
      serverError={serverError}
      onSubmit={onSubmit}
    />,
  );
  const next = () => fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  return { onSubmit, next, view };
}

const heading = () => screen.getByRole('heading', { level: 2 }).textContent;

describe('CreateStoreWizard', () => {
  it('stops at MedusaJS with a Coming Soon message', () => {
    renderWizard();
    expect(screen.getByText('Coming Soon')).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/MedusaJS/));
    expect(screen.getByRole('status').textContent).toContain('coming soon and cannot be created');
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    expect(heading()).toBe('Choose an engine');
  });

  it('explains a bad or taken name as it is typed and does not go on', () => {
    const { next } = renderWizard();
    next();
    expect(heading()).toBe('Name and plan');
    next();
    expect(screen.getByRole('alert').textContent).toBe('Give the store a name.');
    const name = screen.getByLabelText('Store name');
    fireEvent.change(name, { target: { value: 'ab' } });
    expect(screen.getByRole('alert').textContent).toContain('must be 3 to 40 characters');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(name, { target: { value: 'taken-shop' } });
    expect(screen.getByRole('alert').textContent).toBe('A store named "taken-shop" already exists.');
    fireEvent.change(name, { target: { value: 'dashboard' } });
    expect(screen.getByRole('alert').textContent).toContain('reserved');
    next();
    expect(heading()).toBe('Name and plan');
  });

  it('describes each plan, reviews the choice and creates it', () => {
    const { next, onSubmit } = renderWizard();
    next();
    expect(screen.getByLabelText(/Premium/).closest('label')?.textContent).toContain('3 app replicas');
    fireEvent.change(screen.getByLabelText('Store name'), { target: { value: 'corner-shop' } });
    fireEvent.click(screen.getByLabelText(/Standard/));
    next();
    expect(heading()).toBe('Review and create');
    expect(screen.getByText('corner-shop')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Create store' }));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'corner-shop', engine: 'woocommerce', plan: 'standard' });
  });

  it('shows a server refusal of the name under the name field', () => {
    renderWizard({ field: 'name', message: 'a store named "x" already exists' });
    expect(heading()).toBe('Name and plan');
    expect(screen.getByRole('alert').textContent).toBe('a store named "x" already exists');
  });
});
