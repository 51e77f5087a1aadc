import { fieldErrorDetailsSchema } from '@store-platform/contracts';

import { ApiError } from '../../api/client.js';

/** A refusal of a form's request as the form shows it: its sentence, and the field it names, if any. */
export interface Refusal {
  /** The field's path in the request body, as the API names it without `body.` ("name", "catalog.products.0.price"). */
  field?: string;
  message: string;
}

/** The field a refusal names: `{ field }`, or the first of `{ fields: [{ field: 'body.name' }] }`. */
function fieldOf(error: Error): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = fieldErrorDetailsSchema.safeParse(error.body.details);
  if (!details.success) return undefined;
  return details.data.field ?? details.data.fields?.[0]?.field.replace(/^body\./, '');
}

/** A failed request (a mutation's error) as a refusal to show on its form; undefined while none failed. */
export function refusalOf(error: Error | null): Refusal | undefined {
  return error ? { field: fieldOf(error), message: error.message } : undefined;
}
