import type { Scenario } from '../harness.js';
import { beneficiariesIndicators, caseloadPages, nationalScope, publishedIndicators } from './beneficiaries-indicators.js';
import { dashboardPages, dashboardPilotageAtScale, dashboardPilotageAtScaleAsAdmin } from './dashboard-pages.js';
import { gatewayConcurrency } from './gateway-concurrency.js';
import { gatewayThroughput } from './gateway-throughput.js';
import { moneyConventions, moneyOverview } from './money.js';
import { partnersCoverage, partnersCoverageCold, partnersSearch, partnersTypoSearch } from './partners-directory.js';
import { pilotageQueries, pilotageQueriesAsAdmin, pilotageQueriesAsSteering, pilotageQueryAloneAsSteering } from './pilotage-queries.js';
import { overviewParts, territoryOverview, territoryOverviewCpu, territoryOverviewWithPeriod } from './territory-overview.js';

/** Every benchmark scenario; later work adds its own file here. */
export const scenarios: Scenario[] = [
  territoryOverview,
  territoryOverviewWithPeriod,
  ...overviewParts,
  territoryOverviewCpu,
  gatewayConcurrency,
  ...gatewayThroughput,
  moneyOverview,
  moneyConventions,
  ...beneficiariesIndicators,
  ...publishedIndicators,
  nationalScope,
  pilotageQueries,
  pilotageQueriesAsAdmin,
  ...pilotageQueriesAsSteering,
  ...pilotageQueryAloneAsSteering,
  ...caseloadPages,
  partnersSearch,
  partnersTypoSearch,
  partnersCoverage,
  partnersCoverageCold,
  ...dashboardPages,
  ...dashboardPilotageAtScale,
  dashboardPilotageAtScaleAsAdmin,
];
