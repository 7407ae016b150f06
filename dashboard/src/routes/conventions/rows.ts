// The rows of the conventions table, as the page shows them and the CSV / XLSX export writes them.
import { exportCountValue, formatCountValue, SUPPRESSION_NOTE, type Count } from '#lib/counts.ts';
import { formatDay } from '#lib/days.ts';
import type { ConventionsQuery } from '#lib/graphql/operations.ts';
import type { Table } from '#lib/table.ts';

type Node = ConventionsQuery['conventions']['nodes'][number];

export interface FinalReportStatus {
  state: 'received' | 'overdue' | 'due' | 'unknown';
  text: string;
}

export interface ConventionRow {
  id: string;
  name: string;
  operator: string | null;
  programme: string | null;
  startsOn: string;
  endsOn: string;
  fte: number;
  places: number;
  /** Active caseload as the API publishes it to the reader (« < 11 » when suppressed); value null when unavailable. */
  caseload: Count;
  /** Active caseload ÷ places (null when unavailable or hidden with the caseload). */
  occupancy: number | null;
  funding: { committedCents: number; paidCents: number; balanceDueCents: number } | null;
  finalReport: FinalReportStatus;
}

export function finalReportStatus(report: { dueOn: string; receivedOn: string | null; overdue: boolean } | null | undefined, fundingKnown: boolean): FinalReportStatus {
  if (!fundingKnown) return { state: 'unknown', text: 'indisponible' };
  if (!report) return { state: 'unknown', text: 'non prévu' };
  if (report.receivedOn) return { state: 'received', text: `reçu le ${formatDay(report.receivedOn)}` };
  if (report.overdue) return { state: 'overdue', text: `en retard : attendu le ${formatDay(report.dueOn)}` };
  return { state: 'due', text: `attendu le ${formatDay(report.dueOn)}` };
}

export function toRow(c: Node, names: { operators: Map<string, string> | null; programmes: Map<string, string> | null }): ConventionRow {
  const caseload = c.caseload ?? { value: null, suppressed: false };
  return {
    id: c.id,
    name: c.name,
    operator: names.operators?.get(c.id) ?? null,
    programme: names.programmes?.get(c.id) ?? null,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    fte: c.fte,
    places: c.places,
    caseload,
    occupancy: caseload.suppressed ? null : c.occupancy,
    funding: c.funding ? { committedCents: c.funding.committedCents, paidCents: c.funding.paidCents, balanceDueCents: c.funding.balanceDueCents } : null,
    finalReport: finalReportStatus(c.funding?.finalReport, c.funding !== null),
  };
}

const euros = (cents: number | undefined): number | string => (cents === undefined ? 'indisponible' : Math.round(cents) / 100);

/** The table as exported (CSV / XLSX): amounts in euros, occupancy in percent, « < 11 » kept. */
export function conventionsTable(rows: readonly ConventionRow[]): Table {
  return {
    id: 'conventions',
    title: 'Conventions, occupation et financements',
    columns: [
      'Convention',
      'Opérateur',
      'Programme',
      'Début',
      'Fin',
      'ETP',
      'Places',
      'File active',
      'Occupation (%)',
      'Engagé (€)',
      'Versé (€)',
      'Reste à verser (€)',
      'Bilan final',
    ],
    rows: rows.map((r) => [
      r.name,
      r.operator ?? 'indisponible',
      r.programme ?? 'indisponible',
      r.startsOn,
      r.endsOn,
      r.fte,
      r.places,
      r.caseload.value === null && !r.caseload.suppressed ? 'indisponible' : exportCountValue(r.caseload),
      r.occupancy === null ? (r.caseload.suppressed ? formatCountValue(r.caseload) : 'indisponible') : Math.round(r.occupancy * 1000) / 10,
      euros(r.funding?.committedCents),
      euros(r.funding?.paidCents),
      euros(r.funding?.balanceDueCents),
      r.finalReport.text,
    ]),
    note: SUPPRESSION_NOTE,
  };
}
