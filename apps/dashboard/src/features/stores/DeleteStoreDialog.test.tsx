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
    expect(dialog.textContent).toContain('database, uploads and address are removed');
  });

  it('says the data is deleted when backups are not configured', () => {
    render(
      <DeleteStoreDialog
        store="corner-shop"
        open
        onOpenChange={vi.fn()}
        deleting={false}
        onConfirm={vi.fn()}
        data="not-configured"
        skipBackup={{ checked: false, onChange: vi.fn() }}
      />,
    );
    expect(screen.getByTestId('delete-data').textContent).toBe(
      'Backups are not configured: the database and uploads are deleted for good.',
    );
    // Nothing to skip.
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('says a backup is taken first, and lets an admin skip it', () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <DeleteStoreDialog
        store="corner-shop"
        open
        onOpenChange={vi.fn()}
        deleting={false}
        onConfirm={vi.fn()}
        data="backed-up"
        skipBackup={{ checked: false, onChange }}
      />,
    );
    expect(screen.getByTestId('delete-data').textContent).toContain('A backup is taken first');
    expect(screen.getByTestId('delete-data').textContent).toContain('restored into a new store');
    fireEvent.click(screen.getByRole('checkbox', { name: /Skip the backup/ }));
    expect(onChange).toHaveBeenCalledWith(true);
    rerender(
      <DeleteStoreDialog
        store="corner-shop"
        open
        onOpenChange={vi.fn()}
        deleting={false}
        onConfirm={vi.fn()}
        data="backed-up"
        skipBackup={{ checked: true, onChange }}
      />,
    );
    expect(screen.getByTestId('delete-data').textContent).toContain('No backup is taken');
  });

  it('offers no skip to those who may not (no skipBackup given)', () => {
    render(
      <DeleteStoreDialog
        store="corner-shop"
        open
        onOpenChange={vi.fn()}
        deleting={false}
        onConfirm={vi.fn()}
        data="backed-up"
      />,
    );
    expect(screen.queryByRole('checkbox')).toBeNull();
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
