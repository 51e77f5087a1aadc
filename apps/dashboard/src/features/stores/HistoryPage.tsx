import type { RevisionView, Role } from '@store-platform/contracts';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { useStore } from '../../api/queries.js';
import { useRevisions, useRollbackStore } from '../../api/updates.js';
import { Button } from '../../ui/Button.js';
import { When } from '../../ui/When.js';
import { RollbackDialog } from './RollbackDialog.js';
import { fieldTitle, shownValue } from './update-values.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { QueryError } from '../../ui/ErrorState.js';
import { TableScroll } from '../../ui/TableScroll.js';

/** The revision the store runs: the deployed one (Helm marks the others superseded or failed), else the newest. */
function currentOf(revisions: RevisionView[]): number | undefined {
  return (revisions.find((r) => r.status === 'deployed') ?? revisions[0])?.revision;
}

function Changes({ revision }: { revision: RevisionView }) {
  if (!revision.changes) return <span className="muted">Not recorded</span>;
  if (revision.changes.length === 0) return <span className="muted">No value changed</span>;
  return (
    <ul className="compact-list">
      {revision.changes.map((c) => (
        <li key={c.field}>
          {fieldTitle(c.field)}: {shownValue(c.field, c.from)} → {shownValue(c.field, c.to)}
        </li>
      ))}
    </ul>
  );
}

/**
 * A store's release history (its Helm revisions, newest first: when, status, who, what changed), and for
 * operators Rollback to an earlier revision, confirmed by typing the store's name; the store's page then shows it.
 */
export function HistoryPage({ role }: { role: Role }) {
  const { name = '' } = useParams();
  usePageTitle(`Release history of ${name}`, 'Stores');
  const store = useStore(name);
  const revisions = useRevisions(name);
  const rollback = useRollbackStore();
  const navigate = useNavigate();
  const [target, setTarget] = useState<RevisionView | null>(null);
  const s = store.data;
  const canRollBack = role !== 'viewer' && s?.status === 'running';
  const items = revisions.data ?? [];
  const current = currentOf(items);

  return (
    <>
      <div className="page-title">
        <h1>Release history of {name}</h1>
        <Link to={`/stores/${name}`}>Back to {name}</Link>
      </div>
      <section className="card" aria-labelledby="revisions-title">
        <h2 id="revisions-title">Revisions</h2>
        {revisions.isPending && <p role="status">Loading revisions…</p>}
        <QueryError what="The revisions" query={revisions} />
        {revisions.data && items.length === 0 && <p>No revision yet: the store has not been installed.</p>}
        {items.length > 0 && (
          <TableScroll label="Revisions">
            <table aria-label="Revisions">
              <thead>
                <tr>
                  <th scope="col">Revision</th>
                  <th scope="col">When</th>
                  <th scope="col">Status</th>
                  <th scope="col">Who</th>
                  <th scope="col">What changed</th>
                  <th scope="col" className="optional">
                    Description
                  </th>
                  {canRollBack && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.revision} data-revision={r.revision}>
                    <td>
                      {r.revision}
                      {r.revision === current && <strong> (current)</strong>}
                    </td>
                    <td>
                      <When iso={r.updatedAt} />
                    </td>
                    <td>{r.status}</td>
                    <td>{r.actor ?? <span className="muted">Outside the platform</span>}</td>
                    <td>
                      <Changes revision={r} />
                    </td>
                    <td className="optional">{r.description}</td>
                    {canRollBack && (
                      <td>
                        {r.revision !== current && (
                          <Button onClick={() => setTarget(r)}>
                            Roll back<span className="visually-hidden"> to revision {r.revision}</span>
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {s && (
        <RollbackDialog
          store={name}
          seen={s}
          revision={target}
          onClose={() => {
            setTarget(null);
            rollback.reset();
          }}
          busy={rollback.isPending}
          error={rollback.error?.message}
          onConfirm={(revision) =>
            rollback.mutate({ store: s, revision }, { onSuccess: () => void navigate(`/stores/${name}`) })
          }
        />
      )}
    </>
  );
}
