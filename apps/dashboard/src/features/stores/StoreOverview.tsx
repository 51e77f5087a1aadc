import { engineTitles, planTitles, type StoreView } from '@store-platform/contracts';

import { CopyButton } from '../../ui/CopyButton.js';
import { When } from '../../ui/When.js';
import { HealthSummaryText } from './HealthSummaryText.js';
import './store-page.css';

/** Whether the store's addresses answer: only a Running store (or one being updated, which keeps serving). */
export const isLive = (store: StoreView) => store.status === 'running' || store.status === 'updating';

/** A store address: a link while the store serves it, otherwise plain text that says why it is not one. */
function Address({ url, what, live }: { url: string; what: string; live: boolean }) {
  return (
    <>
      {live ? (
        <a href={url} target="_blank" rel="noreferrer">
          {url}
        </a>
      ) : (
        <span className="address-off">
          {url} <span className="muted">(not a link until the store is running)</span>
        </span>
      )}
      <CopyButton value={url} what={what} />
    </>
  );
}

/** The store's facts: health, engine and plan, addresses and namespace (each with a copy button), and who made it. */
export function StoreOverview({ store }: { store: StoreView }) {
  const live = isLive(store);
  return (
    <section className="card" aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <dl>
        <dt>Health</dt>
        <dd>
          <HealthSummaryText store={store} />
        </dd>
        <dt>Engine and plan</dt>
        <dd>
          {engineTitles[store.engine]}, {planTitles[store.plan]}
        </dd>
        <dt>Storefront</dt>
        <dd>
          <Address url={store.urls.storefront} what="storefront URL" live={live} />
        </dd>
        <dt>Admin</dt>
        <dd>
          <Address url={store.urls.admin} what="admin URL" live={live} />
        </dd>
        <dt>Namespace</dt>
        <dd>
          <code>{store.namespace}</code>
          <CopyButton value={store.namespace} what="namespace" />
        </dd>
        <dt>Created</dt>
        <dd>
          <When iso={store.createdAt} /> by {store.createdBy}
        </dd>
      </dl>
    </section>
  );
}
