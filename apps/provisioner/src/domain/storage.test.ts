import { describe, expect, it } from 'vitest';

import { storageChange, wantedSizes, type Claim } from './storage.js';

const claim = (name: string, requested: string, expandable = true): Claim => ({
  name,
  requested,
  capacity: requested,
  storageClass: expandable ? 'expandable' : 'standard',
  expandable,
});

describe('storage growth', () => {
  it('sizes the volumes by the plan, unless the operator fixed a size in the values', () => {
    expect(wantedSizes('standard', {})).toEqual({ database: '20Gi', uploads: '10Gi' });
    expect(
      wantedSizes('premium', { persistence: { database: { size: '80Gi' }, uploads: { size: '' } } }),
    ).toEqual({ database: '80Gi', uploads: '20Gi' });
  });

  it('grows a smaller claim where its class allows expansion', () => {
    const change = storageChange('shop', [claim('data-shop-db-0', '10Gi'), claim('shop-uploads', '5Gi')], {
      database: '20Gi',
      uploads: '10Gi',
    });
    expect(change.grow).toEqual([
      { volume: 'database', claim: 'data-shop-db-0', from: '10Gi', to: '20Gi' },
      { volume: 'uploads', claim: 'shop-uploads', from: '5Gi', to: '10Gi' },
    ]);
    expect(change.notes).toContain('claim shop-uploads grows 5Gi -> 10Gi; claims never shrink');
  });

  it('keeps a claim whose class cannot expand, saying what to do', () => {
    const change = storageChange('shop', [claim('shop-uploads', '5Gi', false)], {
      database: '20Gi',
      uploads: '10Gi',
    });
    expect(change.grow).toEqual([]);
    expect(change.notes[0]).toMatch(
      /^claim shop-uploads keeps 5Gi \(the plan sizes it 10Gi\): its storage class standard does not allow expansion\. An administrator can set allowVolumeExpansion: true/,
    );
  });

  it('never shrinks: a larger claim keeps its size, compared as quantities', () => {
    const change = storageChange(
      'shop',
      [claim('data-shop-db-0', '20480Mi'), claim('shop-uploads', '10Gi')],
      {
        database: '20Gi',
        uploads: '5Gi',
      },
    );
    expect(change.grow).toEqual([]);
    expect(change.notes).toEqual([
      'claim shop-uploads keeps 10Gi (the plan sizes it 5Gi): claims never shrink',
    ]);
  });

  it('leaves out a volume the store does not have (Medusa keeps no uploads claim)', () => {
    expect(
      storageChange('shop', [claim('data-shop-db-0', '10Gi')], { database: '10Gi', uploads: '10Gi' }),
    ).toEqual({ grow: [], notes: [] });
  });
});
