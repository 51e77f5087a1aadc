import { describe, expect, it } from 'vitest';

import { describeChanges, shapeChanges, targetShape, updateRefusal, type UpdateContext } from './update.js';

const store = { name: 'shop', plan: 'basic' as const, settings: {} };
const open: UpdateContext = { sharedUploads: false, allowedVersions: ['6.9.5'], used: {} };

describe('updateRefusal', () => {
  it('lets a change within the rules pass', () => {
    expect(updateRefusal(store, { title: 'Corner Shop' }, open)).toBeUndefined();
    expect(updateRefusal(store, { plan: 'standard', replicas: 1 }, open)).toBeUndefined();
    expect(updateRefusal(store, { engineVersion: '6.9.5' }, open)).toBeUndefined();
  });

  it('answers "nothing to change" when every field already has its value', () => {
    const refusal = updateRefusal(
      { ...store, settings: { title: 'A' } },
      { plan: 'basic', title: 'A' },
      open,
    );
    expect(refusal?.rule).toBe('nothing_to_change');
  });

  it('refuses more than one replica without shared uploads, explicit or from the new plan, and says what to do', () => {
    const explicit = updateRefusal(store, { replicas: 2 }, open);
    expect(explicit?.rule).toBe('replicas_need_shared_uploads');
    expect(explicit?.message).toContain('ReadWriteMany');
    expect(explicit?.message).toContain('replicas: 1');
    const fromPlan = updateRefusal(store, { plan: 'premium' }, open);
    expect(fromPlan?.message).toContain("3 app replicas (plan premium's app replicas)");
    expect(updateRefusal(store, { replicas: 2 }, { ...open, sharedUploads: true })).toBeUndefined();
  });

  it('does not hold a store already on more replicas to the rule for an unrelated change', () => {
    const standard = { name: 'shop', plan: 'standard' as const, settings: {} };
    expect(updateRefusal(standard, { title: 'New' }, open)).toBeUndefined();
  });

  it('refuses an engine version the operator does not allow, listing those it does', () => {
    const refusal = updateRefusal(store, { engineVersion: '7.0.0' }, open);
    expect(refusal).toMatchObject({ rule: 'engine_version_not_allowed', details: { allowed: ['6.9.5'] } });
    expect(refusal?.message).toContain('choose one of 6.9.5');
    expect(
      updateRefusal(store, { engineVersion: '7.0.0' }, { ...open, allowedVersions: [] })?.message,
    ).toContain('allows no engine versions');
  });

  it('refuses a plan whose quota is below what the namespace uses now, with the figures', () => {
    const big = { name: 'shop', plan: 'standard' as const, settings: { replicas: 1 } };
    const refusal = updateRefusal(
      big,
      { plan: 'basic' },
      { ...open, used: { 'requests.cpu': '2', 'requests.memory': '1Gi' } },
    );
    expect(refusal?.rule).toBe('quota_below_usage');
    expect(refusal?.message).toContain('requests.cpu 2 CPU used, 1.5 CPU allowed');
    expect(refusal?.message).not.toContain('requests.memory');
    expect(
      updateRefusal(big, { plan: 'basic' }, { ...open, used: { 'requests.cpu': '1200m' } }),
    ).toBeUndefined();
  });
});

describe('changes', () => {
  it('lists the fields that change and says them in a line', () => {
    const target = targetShape(store, { plan: 'standard', replicas: 1 });
    const changes = shapeChanges(store, target);
    expect(changes).toEqual([
      { field: 'plan', from: 'basic', to: 'standard' },
      { field: 'replicas', from: null, to: 1 },
    ]);
    expect(describeChanges(changes)).toBe('plan basic -> standard, replicas 1');
  });
});
