import { Link, useNavigate } from 'react-router';

import { useAssistant } from '../../api/assistant.js';
import { useBaseDomain, useCreateStore, useEngines, useQuota, useStores } from '../../api/queries.js';
import { CreateStoreWizard } from './CreateStoreWizard.js';
import { DescribeOffer, DescribeStorePath } from './DescribeStorePath.js';
import { refusalOf } from './refusal.js';
import { useDescribing } from './use-describe-step.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { QueryError } from '../../ui/ErrorState.js';

/**
 * The create wizard wired to the API; a created store opens its page, where its progress shows. While the
 * operator has configured a model (GET /assistant), "Describe your store" is offered beside it (`?path=describe`).
 */
export function CreateStorePage() {
  usePageTitle('New store', 'Stores');
  const engines = useEngines();
  const baseDomain = useBaseDomain();
  const quota = useQuota();
  const stores = useStores();
  const assistant = useAssistant();
  const create = useCreateStore();
  const navigate = useNavigate();
  const describing = useDescribing();
  const takenNames = (stores.data ?? []).map((s) => s.name);
  // Off, not known yet, or unreadable: the path is not offered (the wizard alone is the page as it always was).
  const model = assistant.data?.enabled ? (assistant.data.model ?? 'the model') : undefined;

  const wizard = (
    <>
      {model && <DescribeOffer model={model} />}
      <QueryError what="The engines" query={engines} />
      {engines.isPending && <p role="status">Loading engines…</p>}
      {engines.data && (
        <CreateStoreWizard
          engines={engines.data}
          baseDomain={baseDomain.data}
          quota={quota.data}
          takenNames={takenNames}
          submitting={create.isPending}
          serverError={refusalOf(create.error)}
          onSubmit={(request) =>
            create.mutate(request, {
              onSuccess: (store) => void navigate(`/stores/${store.name}`),
            })
          }
        />
      )}
    </>
  );
  let path = wizard;
  if (describing && assistant.isPending) path = <p role="status">Loading…</p>;
  else if (describing && model) {
    path = (
      <DescribeStorePath
        model={model}
        engines={engines.data}
        baseDomain={baseDomain.data}
        quota={quota.data}
        takenNames={takenNames}
      />
    );
  }
  return (
    <>
      <div className="page-title">
        <h1>New store</h1>
        <Link to="/">Cancel</Link>
      </div>
      <section className="card">{path}</section>
    </>
  );
}
