import { roles, type Role } from '@store-platform/contracts';

/** The roles a new token may have: the signed-in user's own and every narrower one, widest first. */
export const tokenRoles = (mine: Role): Role[] => roles.slice(0, roles.indexOf(mine) + 1).reverse();

/** Lifetimes offered; '' leaves it to the platform (TOKEN_DEFAULT_TTL_DAYS), which also caps it. */
export const tokenLifetimes: { value: string; label: string }[] = [
  { value: '', label: 'Platform default' },
  { value: '1', label: '1 day' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

/** The request for a new token from the form's fields: the role only when narrower, the lifetime only when set. */
export function tokenRequest(mine: Role, form: { name: string; role: Role; lifetime: string }) {
  return {
    name: form.name.trim(),
    ...(form.role === mine ? {} : { role: form.role }),
    ...(form.lifetime ? { expiresInDays: Number(form.lifetime) } : {}),
  };
}
