import { fieldErrorDetailsSchema } from '@store-platform/contracts';
import { Link, useNavigate } from 'react-router';

import { ApiError } from '../../api/client.js';
import { useBaseDomain, useCreateStore, useEngines, useQuota, useStores } from '../../api/queries.js';
import { CreateStoreWizard } from './CreateStoreWizard.js';
import { usePageTitle } from '../../ui/use-page-title.js';
import { QueryError } from '../../ui/ErrorState.js';

/** The field a refusal names: `{ field }`, or the first of `{ fields: [{ field: 'body.name' }] }`. */
function fieldOf(error: Error | null): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = fieldErrorDetailsSchema.safeParse(error.body.details);
  if (!details.success) return undefined;
  return details.data.field ?? details.data.fields?.[0]?.field.split('.').pop();
}

/** The create wizard wired to the API; a created store opens its page, where its progress shows. */
export function CreateStorePage() {
  usePageTitle('New store', 'Stores');
  const engines = useEngines();
  const baseDomain = useBaseDomain();
  const quota = useQuota();
  const stores = useStores();
  const create = useCreateStore();
  const navigate = useNavigate();
  return (
    <>
      <div className="page-title">
        <h1>New store</h1>
        <Link to="/">Cancel</Link>
      </div>
      <section className="card">
        <QueryError what="The engines" query={engines} />
        {engines.isPending && <p role="status">Loading engines…</p>}
        {engines.data && (
          <CreateStoreWizard
            engines={engines.data}
            baseDomain={baseDomain.data}
            quota={quota.data}
            takenNames={(stores.data ?? []).map((s) => s.name)}
            submitting={create.isPending}
            serverError={
              create.error ? { field: fieldOf(create.error), message: create.error.message } : undefined
            }
            onSubmit={(request) =>
              create.mutate(request, {
                onSuccess: (store) => void navigate(`/stores/${store.name}`),
              })
            }
          />
        )}
      </section>
    </>
  );
}
