/**
 * The HTTP status a URL answers with, redirects not followed (a storefront that redirects to its TLS address is
 * up), within 5 seconds: the worker's check that a store's site serves.
 */
export async function httpStatus(url: string): Promise<number> {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
  return response.status;
}
