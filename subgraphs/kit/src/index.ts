import 'reflect-metadata';

export { parseSubgraphEnv, type SubgraphEnv } from './env.js';
export { LoaderRegistry, byKeys, countsByKeys, type SubgraphContext } from './context.js';
export { buildFederatedSchema, printFederatedSdl, FEDERATION_LINK, type FederatedSchemaOptions, type ReferenceResolvers } from './schema.js';
export { serveSubgraph, type ServeOptions, type RunningSubgraph } from './server.js';
export { startSubgraph, runSubgraphMain, type BackgroundJob, type SubgraphDefinition, type StartedSubgraph } from './subgraph.js';
export { maskError, UserFacingError, userInputError } from './errors.js';
export { MAX_TEXT_LENGTH, MAX_TEXT_LENGTH_EXTENSION, TakesFiles, TERRITORY_ID, userInput } from './input.js';
export { type Caller, type Role, roles } from './identity/caller.js';
export { departmentScope } from './scope.js';
export {
  hiddenCount,
  hiddenFor,
  publishCount,
  publishGroup,
  seesExactConventionCounts,
  seesExactCounts,
  shownCount,
  isSmallCount,
  CountType,
  SMALLEST_PUBLISHED_COUNT,
  SuppressionRule,
  type PublishedCount,
  type PublishedGroup,
} from './suppression.js';
export * from './access/index.js';
export { recordAccess, type AuditOperation } from './audit.js';
export { encodeCursor, decodeCursor, assertPageSize, toPage, PageInfo, MAX_PAGE_SIZE } from './pagination.js';
export { MutationError, mutationError, Refusal, refusalOf } from './mutation.js';
export { addDays, addMonths, daysBetween, parseIsoDate, parsePeriod, todayIso, PeriodInput } from './dates.js';
export { ServiceTokenSigner, ServiceTokenVerifier, SERVICE_TOKEN_AUDIENCE, type ServiceSender } from './identity/index.js';
export { internalHandler, serviceContext, type InternalHandler, type ReceivedEvent } from './events/internal.js';
export { enqueueEvent, kickOutbox, outboxTableSql, OutboxRelay, type OutboxEvent } from './events/outbox.js';
export {
  ACCOMPANIMENT_CLOSED,
  accompanimentClosedPayload,
  CLOSING_CASELOAD,
  closingCaseloadPayload,
  CLOSING_PLACES,
  closingPlacesPayload,
  CONTRACT_SIGNED,
  contractSignedPayload,
  CONVENTION_PLACES,
  conventionPlacesPayload,
  type AccompanimentClosed,
  type ConventionPlaces,
  type ContractSigned,
  type ClosingCaseloads,
  type ClosingPlaces,
} from './events/topics.js';
export { InternalClient } from './events/internal-client.js';
export { Passes } from './events/passes.js';
export { gridPeriodKind, isGridDay, narrowsReach, parsePublishedDay, parsePublishedPeriod, publishedYearOfReach, PUBLISHED_PERIOD_DESCRIPTION, type GridPeriodKind } from './disclosure/grid.js';
export { hierarchy, ProtectedCube, type AuditedProtection, type CubeCount, type HiddenBy, type Hierarchy } from './disclosure/cube.js';
export { LinkedPublication, type Insider, type LinkedFigure, type LinkedProtection, type LinkedReport } from './disclosure/linked.js';
export { ALL, closedThrough, gridPeriodKey, leafKey, PUBLICATION_SETTLING_DAYS, monthsBetween, operatorOfLeaf, publicationFigures, publicationKey, type GridPeriodLevel, type PublicationGrid, type PublicationMeasure, type PublicationScope } from './disclosure/publication.js';
export { evaluate, isExposed, LinearAudit, solverStats, termsKey, type Evidence, type Fact, type Finding, type PublishedRow, type Terms } from './disclosure/audit.js';
export { computePublication, NOTHING_PUBLISHED, notYetPublished, PUBLICATION_LADDER, PUBLICATION_RULES_VERSION, PublishedFigures, type GridLevel, type PublicationInput, type StoredPublication } from './disclosure/stored.js';
