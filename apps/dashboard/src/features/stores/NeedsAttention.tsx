import type { StoreView } from '@store-platform/contracts';
import { Fragment, useId } from 'react';
import { Link } from 'react-router';

import { attentionGroups, type AttentionGroup } from './attention.js';
import { BulkActions } from './BulkActions.js';

/**
 * Failed and unhealthy stores grouped by cause, each group with its stores and, for operators, one action for all
 * of them ("Retry all 5", "Delete all 5").
 */
export function NeedsAttention({
  stores,
  canOperate,
  onOutcome,
}: {
  stores: readonly StoreView[];
  canOperate: boolean;
  onOutcome: (summary: string) => void;
}) {
  const groups = attentionGroups(stores);
  if (groups.length === 0) {
    return (
      <section className="card">
        <h2>Nothing needs attention</h2>
        <p>No store has failed, and every running store that was checked is healthy.</p>
      </section>
    );
  }
  return (
    <>
      {groups.map((group) => (
        <Group key={group.key} group={group} canOperate={canOperate} onOutcome={onOutcome} />
      ))}
    </>
  );
}

function Group({
  group,
  canOperate,
  onOutcome,
}: {
  group: AttentionGroup;
  canOperate: boolean;
  onOutcome: (summary: string) => void;
}) {
  const id = useId();
  const count = group.stores.length;
  return (
    <section className="card attention-group" aria-labelledby={id} data-cause={group.key}>
      <h2 id={id}>{group.title}</h2>
      <p>
        {count} {count === 1 ? 'store' : 'stores'}
        {group.kind === 'failed' ? ' failed' : ' not healthy'}:{' '}
        {group.stores.map((store, i) => (
          <Fragment key={store.name}>
            {i > 0 && ', '}
            <Link to={`/stores/${store.name}`}>{store.name}</Link>
          </Fragment>
        ))}
      </p>
      {canOperate && (
        <div className="row">
          <BulkActions
            stores={group.stores}
            retryLabel={(n) => (n === 1 ? `Retry ${group.stores[0]?.name ?? ''}` : `Retry all ${n}`)}
            deleteLabel={(n) => (n === 1 ? `Delete ${group.stores[0]?.name ?? ''}` : `Delete all ${n}`)}
            onOutcome={onOutcome}
          />
        </div>
      )}
    </section>
  );
}
