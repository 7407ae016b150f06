import type { Scenario } from '../harness.js';
import { territoryOverview } from './territory-overview.js';
import { partnersCoverage, partnersCoverageCold, partnersSearch, partnersTypoSearch } from './partners-directory.js';

/** Every benchmark scenario; later work adds its own file here. */
export const scenarios: Scenario[] = [territoryOverview, partnersSearch, partnersTypoSearch, partnersCoverage, partnersCoverageCold];
