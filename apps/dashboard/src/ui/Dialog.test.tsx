// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

import { Button } from './Button.js';
import { TypeToConfirmDialog } from './TypeToConfirmDialog.js';

afterEach(cleanup);

/** A page with a Delete button that opens a typed confirmation, as the store page has. */
function Page() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Delete</Button>
      <TypeToConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Delete corner-shop?"
        description="Type corner-shop to confirm."
        expected="corner-shop"
        action="Delete for good"
        busyAction="Deleting…"
        busy={false}
        onConfirm={() => setOpen(false)}
      />
    </>
  );
}

/** Opens the dialog as a keyboard user does: focus on the button, then Enter (a click). */
function openFromButton(): HTMLElement {
  const opener = screen.getByRole('button', { name: 'Delete' });
  opener.focus();
  fireEvent.click(opener);
  screen.getByRole('dialog', { name: 'Delete corner-shop?' });
  expect(document.activeElement).not.toBe(opener);
  return opener;
}

const closed = () => expect(screen.queryByRole('dialog')).toBeNull();

describe('Dialog', () => {
  it('returns focus to the button that opened it when Escape closes it', async () => {
    render(<Page />);
    const opener = openFromButton();
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    closed();
    await expect.poll(() => document.activeElement).toBe(opener);
  });

  it('returns focus to the button that opened it when Cancel closes it', async () => {
    render(<Page />);
    const opener = openFromButton();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    closed();
    await expect.poll(() => document.activeElement).toBe(opener);
  });
});
