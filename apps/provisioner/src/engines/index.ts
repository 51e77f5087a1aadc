import type { EngineId } from '@store-platform/contracts';

import type { Engine } from './engine.js';
import { medusa } from './medusa.js';
import { woocommerce } from './woocommerce.js';

export type { Engine } from './engine.js';

const byId: Record<EngineId, Engine> = { woocommerce, medusa };

/** The engine module for an engine id. */
export const engineFor = (id: EngineId): Engine => byId[id];
