import type { QuotaView } from '@store-platform/contracts';
import { Link } from 'react-router';

/**
 * The user's stores against their limit, in plain words, on the wizard's first step ("19 of 20 stores used");
 * failed stores count too, so it links to them, where they can be deleted to free places.
 */
export function QuotaLine({ quota }: { quota: QuotaView }) {
  const full = quota.used >= quota.limit;
  const failed =
    quota.failed > 0 ? (
      <>
        {' '}
        <Link to="/?status=failed">
          {quota.failed} failed {quota.failed === 1 ? 'store counts' : 'stores count'}
        </Link>
        ; deleting {quota.failed === 1 ? 'it' : 'them'} frees places.
      </>
    ) : null;
  return (
    <p className={full ? 'alert' : 'muted'} data-testid="quota">
      {full ? (
        <>You have used all {quota.limit} of your stores: delete one before creating another.</>
      ) : (
        <>
          {quota.used} of {quota.limit} stores used.
        </>
      )}
      {failed}
    </p>
  );
}
