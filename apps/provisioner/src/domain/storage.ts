import { planCatalog, type PlanId, type ValueChange } from '@store-platform/contracts';

import { parseQuantity } from './quantity.js';

/** A PersistentVolumeClaim as the storage rules need it. */
export interface Claim {
  name: string;
  /** spec.resources.requests.storage: what the claim asks for (a resize changes it at once). */
  requested: string;
  /** status.capacity.storage: what the volume has (grows once the resize is done); undefined while unbound. */
  capacity: string | undefined;
  /** The claim's StorageClass (the default class's name when it named none); undefined when there is none. */
  storageClass: string | undefined;
  /** Whether that class allows expansion (allowVolumeExpansion), without which the API server refuses a resize. */
  expandable: boolean;
}

/** The store volumes a plan sizes (chart values `plans.{id}.storage`). */
export const volumes = ['database', 'uploads'] as const;
export type Volume = (typeof volumes)[number];

/** The claim of each volume: the database StatefulSet's `data` claim, the WooCommerce uploads claim. */
export const claimOf = (store: string, volume: Volume) =>
  volume === 'database' ? `data-${store}-db-0` : `${store}-uploads`;

/** One claim to grow: `storage.uploads` 5Gi -> 10Gi. */
export interface ClaimGrowth {
  volume: Volume;
  claim: string;
  from: string;
  to: string;
}

/** What a plan's storage does to the live claims: those to grow, and in words what grows or keeps its size. */
export interface StorageChange {
  grow: ClaimGrowth[];
  notes: string[];
}

/**
 * The size each volume should have on `plan`: an operator's `persistence.{volume}.size` (the release's values)
 * wins, as it does in the chart; else the plan's.
 */
export function wantedSizes(plan: PlanId, values: Record<string, unknown>): Record<Volume, string> {
  const presets = (planCatalog.find((p) => p.id === plan) ?? planCatalog[0]!).volumes;
  const persistence = (values.persistence ?? {}) as Record<string, { size?: unknown } | undefined>;
  const pick = (volume: Volume) => {
    const size = persistence[volume]?.size;
    return typeof size === 'string' && size ? size : presets[volume];
  };
  return { database: pick('database'), uploads: pick('uploads') };
}

/**
 * Which of the store's claims grow to `wanted`: a claim asking for less grows where its class allows expansion,
 * and keeps its size (with a note saying why and what to do) where it does not, so that the plan's CPU and memory
 * still apply. A claim asking for more keeps it: claims never shrink.
 */
export function storageChange(
  store: string,
  claims: readonly Claim[],
  wanted: Record<Volume, string>,
): StorageChange {
  const change: StorageChange = { grow: [], notes: [] };
  for (const volume of volumes) {
    const claim = claims.find((c) => c.name === claimOf(store, volume));
    if (!claim) continue;
    const [has, wants] = [parseQuantity(claim.requested), parseQuantity(wanted[volume])];
    if (wants > has && claim.expandable) {
      change.grow.push({ volume, claim: claim.name, from: claim.requested, to: wanted[volume] });
      change.notes.push(
        `claim ${claim.name} grows ${claim.requested} -> ${wanted[volume]}; claims never shrink`,
      );
    } else if (wants > has) {
      change.notes.push(
        `claim ${claim.name} keeps ${claim.requested} (the plan sizes it ${wanted[volume]}): its storage class ${claim.storageClass ?? '(none)'} does not allow expansion. An administrator can set allowVolumeExpansion: true on the class; the store's next update then grows it`,
      );
    } else if (wants < has) {
      change.notes.push(
        `claim ${claim.name} keeps ${claim.requested} (the plan sizes it ${wanted[volume]}): claims never shrink`,
      );
    }
  }
  return change;
}

/** The growth as value changes (`storage.uploads` 5Gi -> 10Gi), as a preview and a revision list them. */
export const growthChanges = (grow: readonly ClaimGrowth[]): ValueChange[] =>
  grow.map((g) => ({ field: `storage.${g.volume}`, from: g.from, to: g.to }));
