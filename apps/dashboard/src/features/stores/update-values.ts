import { planTitles, type PlanId } from '@store-platform/contracts';

/** The words for each field an update changes; a chart value path (e.g. `app.resources.limits.cpu`) stays as is. */
const fieldTitles: Readonly<Record<string, string>> = {
  plan: 'Plan',
  replicas: 'App replicas',
  title: 'Store title',
  adminEmail: 'Admin e-mail',
  engineVersion: 'Engine version',
};

export const fieldTitle = (field: string): string => fieldTitles[field] ?? field;

/** A value of a change as a person reads it: a plan by its title, nothing as "not set", objects as JSON. */
export function shownValue(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'not set';
  if (field === 'plan' && typeof value === 'string' && value in planTitles)
    return planTitles[value as PlanId];
  return typeof value === 'string' ? value : JSON.stringify(value);
}
