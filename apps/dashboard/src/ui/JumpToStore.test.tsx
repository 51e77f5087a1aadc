// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { JumpToStore, matchingStores } from './JumpToStore.js';

afterEach(cleanup);

const stores = [
  { name: 'acme-shop', status: 'running' as const },
  { name: 'shop-two', status: 'failed' as const },
  { name: 'corner', status: 'provisioning' as const },
];

function renderBox() {
  const onChoose = vi.fn();
  const onOpenChange = vi.fn();
  render(<JumpToStore open onOpenChange={onOpenChange} stores={stores} onChoose={onChoose} />);
  const box = screen.getByRole('combobox', { name: 'Store name' });
  return { box, onChoose, onOpenChange };
}
const options = () => screen.queryAllByRole('option').map((o) => o.textContent);

describe('JumpToStore', () => {
  it('lists the stores whose names contain what is typed, those starting with it first', () => {
    const { box } = renderBox();
    expect(screen.getByRole('dialog', { name: 'Go to a store' })).toBeTruthy();
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: 'SHOP' } });
    expect(options()).toEqual(['shop-two Failed', 'acme-shop Running']);
    fireEvent.change(box, { target: { value: 'nothing' } });
    expect(options()).toEqual([]);
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText(/No store's name contains/)).toBeTruthy();
  });

  it('moves the active option with the arrows and opens it with Enter', () => {
    const { box, onChoose, onOpenChange } = renderBox();
    fireEvent.change(box, { target: { value: 'shop' } });
    const active = () =>
      document.getElementById(box.getAttribute('aria-activedescendant') ?? '')?.textContent;
    expect(active()).toBe('shop-two Failed');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(active()).toBe('acme-shop Running');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(active()).toBe('shop-two Failed');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onChoose).toHaveBeenCalledWith('acme-shop');
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it('opens a store that is clicked', () => {
    const { onChoose } = renderBox();
    fireEvent.click(screen.getByRole('option', { name: /corner/ }));
    expect(onChoose).toHaveBeenCalledWith('corner');
  });

  it('keeps at most eight matches', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `shop-${i}` }));
    expect(matchingStores(many, 'shop')).toHaveLength(8);
  });
});
