export { openStore, type OpenStoreOptions } from './open.js';
export {
  ANALYSIS_VERSION,
  type BatchItem,
  type BatchResult,
  createStore,
  type InsertOutcome,
  type InsertResult,
  type LayerWriter,
  type SearchHit,
  type SearchOptions,
  type Store,
  type StoreCounts,
  type StoredArticle,
  type StoredRecord,
} from './store.js';
export { DEFAULT_DB, DbUrlError, parseDbUrl, redactDbUrl, type DbLocation } from './url.js';
export { LAYER_WRITERS } from './layers.js';
export { MIGRATIONS, migrateToLatest, type StoreMigration } from './migrations.js';
export type { ArticleStatus, Database, Engine } from './schema.js';
