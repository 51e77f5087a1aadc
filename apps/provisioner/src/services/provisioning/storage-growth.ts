import type { PlanId } from '@store-platform/contracts';

import { namespaceOf, releaseOf } from '../../domain/naming.js';
import { storageChange, wantedSizes, type ClaimGrowth, type StorageChange } from '../../domain/storage.js';
import type { HelmRunner } from '../../ports/helm-runner.js';
import type { KubeClient } from '../../ports/kube-client.js';
import { Skipped } from './step-recorder.js';

/**
 * What `plan` does to the store's live claims: the release's values tell whether an operator fixed a size
 * (persistence.*.size), the claims what they ask for and whether their class can expand.
 */
export async function plannedStorage(
  deps: { kube: KubeClient; helm: HelmRunner },
  store: string,
  plan: PlanId,
): Promise<StorageChange> {
  const [claims, values] = await Promise.all([
    deps.kube.claims(namespaceOf(store)),
    deps.helm.values(releaseOf(store), namespaceOf(store)),
  ]);
  return storageChange(store, claims, wantedSizes(plan, values));
}

/**
 * The update's storage step: grows each claim the plan sizes larger, where its class allows expansion, outside the
 * release (the chart keeps the live size, so Helm never asks a claim to change). Runs after the upgrade, whose new
 * quota (requests.storage) admits the larger claims. Each grown claim is pushed to `grown` as it is done: a grown
 * claim stays grown, whatever happens next.
 */
export async function growVolumes(
  deps: { kube: KubeClient; helm: HelmRunner },
  store: string,
  plan: PlanId,
  grown: ClaimGrowth[],
): Promise<string | Skipped> {
  const change = await plannedStorage(deps, store, plan);
  if (!change.grow.length) {
    const why = change.notes.length ? change.notes.join('; ') : 'every claim has the size the plan gives';
    return new Skipped(`skipped: no claim grows: ${why}`);
  }
  for (const growth of change.grow) {
    await deps.kube.resizeClaim(namespaceOf(store), growth.claim, growth.to);
    grown.push(growth);
  }
  return change.notes.join('; ');
}
