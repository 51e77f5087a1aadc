// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { DeleteStoreDialog } from './DeleteStoreDialog.js';

afterEach(cleanup);

function renderDialog(error?: string) {
  const onConfirm = vi.fn();
  const onOpenChange = vi.fn();
  render(
    <DeleteStoreDialog
      store="corner-shop"
      open
      onOpenChange={onOpenChange}
      deleting={false}
      error={error}
      onConfirm={onConfirm}
    />,
  );
  const button = screen.getByRole('button', { name: 'Delete' }) as HTMLButtonElement;
  const input = screen.getByLabelText("Type the store's name to confirm");
  return { onConfirm, onOpenChange, button, input };
}

describe('DeleteStoreDialog', () => {
  it('is a named modal dialog that says what is lost', () => {
    renderDialog();
    const dialog = screen.getByRole('dialog', { name: 'Delete corner-shop?' });
    expect(dialog.textContent).toContain('removed for good');
  });

  it('deletes only once the exact name is typed', () => {
    const { button, input, onConfirm } = renderDialog();
    expect(button.disabled).toBe(true);
    fireEvent.change(input, { target: { value: 'corner-sho' } });
    fireEvent.submit(input.closest('form') as HTMLFormElement);
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: 'Corner-Shop' } });
    expect(button.disabled).toBe(true);
    fireEvent.change(input, { target: { value: 'corner-shop' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('closes on Cancel and shows the API refusal', () => {
    const { onOpenChange } = renderDialog('the store changed since you loaded it');
    expect(screen.getByRole('alert').textContent).toBe('the store changed since you loaded it');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });
});
