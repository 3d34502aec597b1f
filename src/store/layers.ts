/**
 * The per-article layer writers every store runs (entities, attributions,
 * events… as later issues add their tables). Each runs inside the article's
 * transaction; add yours to LAYER_WRITERS.
 */
import type { LayerWriter } from './store.js';

export const LAYER_WRITERS: LayerWriter[] = [];
