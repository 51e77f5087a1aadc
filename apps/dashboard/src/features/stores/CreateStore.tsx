import { useCreateStore, useEngines, useStores } from '../../api/queries.js';
import { ApiError } from '../../api/client.js';
import { CreateStoreForm } from './CreateStoreForm.js';

/** The create form wired to the API: engines, names in use, and the server's answer. */
export function CreateStore() {
  const engines = useEngines();
  const stores = useStores();
  const create = useCreateStore();
  if (!engines.data) return null;
  const error = create.error;
  const details =
    error instanceof ApiError
      ? (error.body.details as { fields?: { field: string }[]; field?: string } | undefined)
      : undefined;
  const field = details?.field ?? details?.fields?.[0]?.field.split('.').pop();
  return (
    <section aria-label="New store">
      <h2>New store</h2>
      <CreateStoreForm
        engines={engines.data}
        takenNames={(stores.data ?? []).map((s) => s.name)}
        submitting={create.isPending}
        serverError={error ? { field, message: error.message } : undefined}
        onSubmit={(request) => create.mutate(request)}
      />
    </section>
  );
}
