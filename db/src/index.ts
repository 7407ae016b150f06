export { readDbEnv, type DbEnv } from './env.js';
export { startEmbeddedPostgres, type RunningDatabase, type EmbeddedOptions } from './embedded.js';
export { openDatabase, prepareDatabase } from './database.js';
export { ormConfig, openOrm, migrateSchema, type OrmOptions, type NamedMigration, type MigrationClass } from './orm.js';
export { loadReferenceData, type ReferenceLoadResult } from './reference/load.js';
export { readReferenceData, cogCurrentCommunes, type ReferenceData } from './reference/sources.js';
export { seedDemo, isDatabaseSeeded, type SeedResult } from './seed/demo.js';
export { demoIds } from './seed/ids.js';
export { repoRoot, referenceDir } from './paths.js';
