// Hand-written types of `territoires.graphql` (to be replaced by generated ones once codegen is in place).
import type { Count } from '#lib/counts.ts';

export type TerritoryOverviewVariables = {
  /** Code of a Département (« 62 », « 2A », « 974 »); `null` means the caller's own Département. */
  department: string | null;
  /** Ask today's caseload (`activeBeneficiaries`, `activeCaseload`): for administrators; the others read it as published. Default true. */
  live?: boolean;
};

export type TerritoryOverviewTerritory = {
  id: string;
  name: string;
  /** Kind of territory, e.g. "SLAI" or "SECTEUR". */
  kind: string;
  communeCount: number;
  /** `null` when the partners subgraph is down. */
  partnerCount: number | null;
  /**
   * `null` when the beneficiaries subgraph is down, or when hidden by statistical secrecy (1 to 10: see `activeCaseload.suppressed`).
   * For a caller without exact counts (not asked, `live: false`), this and `activeCaseload` are set from the caseload as published (lib/server/published-caseload.ts).
   */
  activeBeneficiaries: number | null;
  /** The same count with its suppression flag and rule; `null` when the beneficiaries subgraph is down. */
  activeCaseload?: Count | null;
  /** `null` when the contracts subgraph is down. */
  placesContracted: number | null;
  /** Euro cents (GraphQL SafeInt); `null` when the funding subgraph is down. */
  fundingCommitted: number | null;
};

export type TerritoryOverviewQuery = {
  /** `null` when no Département matches (or the caller has none). */
  department: { code: string; name: string } | null;
  territories: TerritoryOverviewTerritory[];
};
