import { activityActionTitle, activityResultTitles, type ActivityQuery } from '@store-platform/contracts';
import { Link } from 'react-router';

import { useActivity } from '../../api/queries.js';
import { Button } from '../../ui/Button.js';
import { duration } from '../../ui/time.js';
import { When } from '../../ui/When.js';
import './activity.css';
import { TableScroll } from '../../ui/TableScroll.js';
import { QueryError } from '../../ui/ErrorState.js';

interface ActivityTableProps {
  filter: ActivityQuery;
  showStore?: boolean;
  onPage?: (page: number) => void;
}

/**
 * Entries of the activity log, newest first, a page at a time: actions in words, store names linking to their
 * pages (a store since deleted shows its page's "no store named" state). Under 640 px each entry is a small card
 * of labelled lines, so that its result stays on screen.
 */
export function ActivityTable({ filter, showStore = true, onPage }: ActivityTableProps) {
  const activity = useActivity(filter);
  if (activity.isPending) return <p role="status">Loading activity…</p>;
  if (activity.error) {
    return <QueryError what="The activity" query={activity} />;
  }
  const { items, page, pageSize, total } = activity.data;
  if (items.length === 0) return <p>No activity matches.</p>;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <TableScroll label="Activity">
        <table aria-label="Activity" className="activity-table">
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
                <td data-label="When">
                  <When iso={entry.at} />
                </td>
                <td data-label="User">{entry.actor}</td>
                <td data-label="Action">{activityActionTitle(entry.action)}</td>
                {showStore && (
                  <td data-label="Store">
                    {entry.store && (
                      <Link to={`/stores/${encodeURIComponent(entry.store)}`}>{entry.store}</Link>
                    )}
                  </td>
                )}
                <td data-label="Result">{activityResultTitles[entry.result]}</td>
                <td data-label="Took" className="optional">
                  {entry.durationMs === null ? '' : duration(entry.durationMs)}
                </td>
                <td data-label="Detail" className="optional">
                  {entry.detail}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
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
