// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { EngineView } from '../../api/queries.js';
import { CreateStoreForm } from './CreateStoreForm.js';

afterEach(cleanup);

const engines: EngineView[] = [
  { id: 'woocommerce', title: 'WooCommerce', description: 'WordPress', availability: 'available' },
  { id: 'medusa', title: 'MedusaJS', description: 'Headless', availability: 'coming_soon' },
];

function renderForm(onSubmit = vi.fn(), serverError?: { field?: string; message: string }) {
  render(
    <CreateStoreForm
      engines={engines}
      takenNames={['taken-shop']}
      submitting={false}
      serverError={serverError}
      onSubmit={onSubmit}
    />,
  );
  const button = screen.getByRole('button', { name: 'Create store' }) as HTMLButtonElement;
  const name = screen.getByLabelText('Store name');
  return { button, name, onSubmit };
}

describe('CreateStoreForm', () => {
  it('explains a bad name as it is typed and keeps the button disabled', () => {
    const { button, name } = renderForm();
    fireEvent.change(name, { target: { value: 'ab' } });
    expect(screen.getByRole('alert').textContent).toContain('must be 3 to 40 characters');
    expect(button.disabled).toBe(true);
    fireEvent.change(name, { target: { value: 'taken-shop' } });
    expect(screen.getByRole('alert').textContent).toBe('A store named "taken-shop" already exists.');
    expect(button.disabled).toBe(true);
  });

  it('shows MedusaJS as Coming Soon and cannot create it', () => {
    const { button, name } = renderForm();
    fireEvent.change(name, { target: { value: 'headless' } });
    fireEvent.click(screen.getByLabelText(/MedusaJS/));
    expect(screen.getByRole('note').textContent).toContain('coming soon');
    expect(button.disabled).toBe(true);
  });

  it('submits a valid WooCommerce store with its plan', () => {
    const { button, name, onSubmit } = renderForm();
    fireEvent.change(name, { target: { value: 'corner-shop' } });
    fireEvent.change(screen.getByLabelText('Plan'), { target: { value: 'standard' } });
    fireEvent.click(button);
    expect(onSubmit).toHaveBeenCalledWith({ name: 'corner-shop', engine: 'woocommerce', plan: 'standard' });
  });

  it('shows a server refusal next to the field it names', () => {
    renderForm(vi.fn(), { field: 'name', message: 'a store named "x" already exists' });
    expect(screen.getByRole('alert').textContent).toBe('a store named "x" already exists');
  });
});
