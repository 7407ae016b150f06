export { readDbEnv, type DbEnv } from './env.js';
export { startEmbeddedPostgres, SUPERUSER_PASSWORD_FILE, type RunningDatabase, type EmbeddedOptions } from './embedded.js';
export {
  provisionServiceRoles,
  serviceRoleName,
  serviceUrlVariable,
  SUBGRAPH_SCHEMAS,
  SERVICE_ROLES,
  ACCESS_LOG_WRITERS,
  type RoleSettings,
  type ServiceDatabaseUrls,
  type ServiceRole,
  type SubgraphSchema,
} from './roles.js';
export { openDatabase, prepareDatabase } from './database.js';
export { ormConfig, openOrm, migrateSchema, type OrmOptions, type NamedMigration, type MigrationClass } from './orm.js';
export { loadReferenceData, type ReferenceLoadResult } from './reference/load.js';
export { readReferenceData, cogCurrentCommunes, type ReferenceData } from './reference/sources.js';
export { seedDemo, isDatabaseSeeded, type SeedResult, type SeedOptions, type SealIdentity, type DemoIdentity } from './seed/demo.js';
export { demoId, idOf as demoIdOf } from './seed/ids.js';
export { DEMO_AS_OF, DEMO_POPULATION } from './seed/demo.js';
export { programmes as demoProgrammes } from './seed/funding.catalogue.js';
export { partners as demoPartners } from './seed/partners.catalogue.js';
export { conventions as demoConventions } from './seed/contracts.catalogue.js';
export { repoRoot, referenceDir } from './paths.js';
export { stopOnSignals } from './signals.js';
export { DEMO_PASSWORD, demoUsers, type DemoUser } from './seed/auth.catalogue.js';
export { purgeAccessLog } from './audit-retention.js';
export { generatePopulation, PAS_DE_CALAIS_SIZE, SHARE_WOMEN, SHARE_OVER_FIVE_YEARS, type SyntheticPopulation, type AccompanyingConvention, type ResidenceCommune, type ReferralTarget } from './seed/population.js';
export { residenceCommunes, demoAccompanyingConventions, demoReferralTargets } from './seed/beneficiaries.seed.js';
export { BackOff, DEFAULT_SUPERVISION, restartDelay, type SupervisionPolicy } from './supervision.js';
export { addDays, addMonths, daysBetween } from './calendar.js';
export { seedOrientations } from './seed/orientation.seed.js';
export { seedSanctions } from './seed/sanction.seed.js';
export { synthesiseContractSignatures } from './seed/contract-signature.seed.js';
export { seedConventionPlaces } from './seed/convention-places.seed.js';
