// The rows of the conventions table, as the page shows them and the CSV / XLSX export writes them.
import { SUPPRESSION_NOTE } from '#lib/counts.ts';
import { formatDay } from '#lib/days.ts';
import type { ConventionsQuery } from '#lib/graphql/operations.ts';
import type { Table } from '#lib/table.ts';
import { occupancyCaseloadCell, occupancyPercentCell, shownOccupancy, type OccupancyFigures } from './occupancy.ts';

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
  /** Places after the latest amendment. */
  places: number;
  /** Occupancy on the day asked (today), or on its last day once it has ended: active caseload ÷ places in force that day. */
  occupancy: OccupancyFigures;
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
  return {
    id: c.id,
    name: c.name,
    operator: names.operators?.get(c.id) ?? null,
    programme: names.programmes?.get(c.id) ?? null,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    fte: c.fte,
    places: c.places,
    occupancy: shownOccupancy(c),
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
      'Date de l’occupation',
      'Places en vigueur à cette date',
      'File active à cette date',
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
      r.occupancy.date,
      r.occupancy.places,
      occupancyCaseloadCell(r.occupancy),
      occupancyPercentCell(r.occupancy),
      euros(r.funding?.committedCents),
      euros(r.funding?.paidCents),
      euros(r.funding?.balanceDueCents),
      r.finalReport.text,
    ]),
    note: SUPPRESSION_NOTE,
  };
}
