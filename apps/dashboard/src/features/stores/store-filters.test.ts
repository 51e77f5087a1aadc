import type { StoreView } from '@store-platform/contracts';
import { describe, expect, it } from 'vitest';

import { aHealth, anOperation, aStep, aStore } from '../../api/testing.js';
import { healthOf, visibleStores } from './store-filters.js';

const store = (name: string, status: StoreView['status'], engine: StoreView['engine'], createdAt: string) =>
  aStore({ name, status, engine, createdAt });

const stores = [
  store('alpha-shop', 'running', 'woocommerce', '2026-01-01T10:00:00Z'),
  store('beta-shop', 'failed', 'woocommerce', '2026-01-02T10:00:00Z'),
  store('gamma', 'provisioning', 'medusa', '2026-01-03T10:00:00Z'),
];
const names = (list: StoreView[]) => list.map((s) => s.name);

describe('visibleStores', () => {
  it('filters by status and engine and searches by part of the name', () => {
    expect(names(visibleStores(stores, { status: 'failed' }))).toEqual(['beta-shop']);
    expect(names(visibleStores(stores, { engine: 'medusa' }))).toEqual(['gamma']);
    expect(names(visibleStores(stores, { q: ' SHOP ' }))).toEqual(['beta-shop', 'alpha-shop']);
    expect(names(visibleStores(stores, { q: 'shop', status: 'running' }))).toEqual(['alpha-shop']);
  });

  it('sorts newest first by default, and by name, age or status on request', () => {
    expect(names(visibleStores(stores, {}))).toEqual(['gamma', 'beta-shop', 'alpha-shop']);
    expect(names(visibleStores(stores, { sort: 'oldest' }))).toEqual(['alpha-shop', 'beta-shop', 'gamma']);
    expect(names(visibleStores(stores, { sort: 'name' }))).toEqual(['alpha-shop', 'beta-shop', 'gamma']);
    expect(names(visibleStores(stores, { sort: 'status' }))).toEqual(['beta-shop', 'gamma', 'alpha-shop']);
  });
});

describe('healthOf', () => {
  it('names the step a provisioning store is on', () => {
    const provisioning = aStore({
      name: 'gamma',
      status: 'provisioning',
      operation: anOperation({
        phase: 'running',
        steps: [
          aStep({ name: 'preflight', title: 'Pre-flight checks', status: 'done' }),
          aStep({ name: 'install', title: 'Install store (Helm)', status: 'running' }),
        ],
      }),
    });
    expect(healthOf(provisioning)).toEqual({ kind: 'progress', text: 'Install store (Helm) (step 2 of 2)' });
  });

  it('gives a running store its observed health, not one derived from its status', () => {
    const reason = { code: 'db_not_ready' as const, message: '0 of 1 database pods ready' };
    const down = aHealth('down', [reason]);
    expect(healthOf(aStore({ name: 'alpha-shop', health: down }))).toEqual({
      kind: 'observed',
      health: down,
    });
    expect(healthOf(aStore({ name: 'alpha-shop', health: null }))).toEqual({ kind: 'unchecked' });
  });

  it('says where a failed store stopped, whatever its last health was', () => {
    const failed = aStore({
      name: 'beta-shop',
      status: 'failed',
      health: aHealth('healthy'),
      operation: anOperation({
        kind: 'update',
        phase: 'failed',
        steps: [aStep({ name: 'upgrade', title: 'Upgrade release (Helm)', status: 'failed' })],
      }),
    });
    expect(healthOf(failed)).toEqual({ kind: 'progress', text: 'Failed at: Upgrade release (Helm)' });
  });
});
