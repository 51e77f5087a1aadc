import { activityResultTitles, type ActivityQuery } from '@store-platform/contracts';

import { useActivity } from '../../api/queries.js';
import { Button } from '../../ui/Button.js';
import { duration } from '../../ui/time.js';
import { When } from '../../ui/When.js';

interface ActivityTableProps {
  filter: ActivityQuery;
  showStore?: boolean;
  onPage?: (page: number) => void;
}

/** Entries of the activity log, newest first, a page at a time. */
export function ActivityTable({ filter, showStore = true, onPage }: ActivityTableProps) {
  const activity = useActivity(filter);
  if (activity.isPending) return <p role="status">Loading activity…</p>;
  if (activity.error) return <p role="alert">The activity could not be loaded: {activity.error.message}</p>;
  const { items, page, pageSize, total } = activity.data;
  if (items.length === 0) return <p>No activity matches.</p>;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <div className="table-wrap">
        <table aria-label="Activity">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">User</th>
              <th scope="col">Action</th>
              {showStore && <th scope="col">Store</th>}
              <th scope="col">Result</th>
              <th scope="col" className="optional">
                Took
              </th>
              <th scope="col" className="optional">
                Detail
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry, index) => (
              <tr key={`${entry.at}-${index}`}>
                <td>
                  <When iso={entry.at} />
                </td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                {showStore && <td>{entry.store}</td>}
                <td>{activityResultTitles[entry.result]}</td>
                <td className="optional">{entry.durationMs === null ? '' : duration(entry.durationMs)}</td>
                <td className="optional">{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {onPage && pages > 1 && (
        <nav className="row" aria-label="Activity pages">
          <Button disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Newer
          </Button>
          <span>
            Page {page} of {pages}
          </span>
          <Button disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Older
          </Button>
        </nav>
      )}
    </>
  );
}
