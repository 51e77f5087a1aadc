import { useStores } from '../../api/queries.js';
import { StatusBadge } from '../../components/StatusBadge.js';

/** Every store with its status and links; an empty state when there is none yet. */
export function StoreList() {
  const stores = useStores();
  if (stores.isPending) return <p>Loading stores…</p>;
  if (stores.error) return <p role="alert">Could not load the stores: {stores.error.message}</p>;
  if (stores.data.length === 0) return <p>No stores yet.</p>;
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%' }}>
      <thead>
        <tr>
          <th align="left">Name</th>
          <th align="left">Engine</th>
          <th align="left">Plan</th>
          <th align="left">Status</th>
          <th align="left">Storefront</th>
          <th align="left">Created</th>
        </tr>
      </thead>
      <tbody>
        {stores.data.map((store) => (
          <tr key={store.name}>
            <td>{store.name}</td>
            <td>{store.engine}</td>
            <td>{store.plan}</td>
            <td>
              <StatusBadge status={store.status} />
              {store.reason && <div style={{ color: '#991b1b', fontSize: 13 }}>{store.reason}</div>}
            </td>
            <td>
              <a href={store.urls.storefront}>{store.urls.storefront}</a>
            </td>
            <td>{new Date(store.createdAt).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
