// The « Sanctions et remobilisation » figures of the Pilotage page: how many procedures and how
// long, for the page's scope and grid period, suppressed by the API like every aggregate. Callers
// without exact counts read them for the whole Département over a closed calendar year only (ADR 0023):
// for another period or scope, the panel says so once instead of cards « non publié à ce niveau ».
import { formatDecimal } from '#lib/counts.ts';
import type { PilotageSanctionsQuery } from '#lib/graphql/operations.ts';
import { sanctionsNotice, sanctionsPublished, type Reach } from '#lib/publication.ts';
import { countFigure, daysFigure, type Figure, type Filters } from '#lib/server/pilotage.ts';
import { loadPanel } from '#lib/server/panel.ts';
import sanctionsDocument from './sanctions.graphql?raw';

/** The figures, or (`notice`, no figures) why they are not published for the period and scope chosen. */
export type SanctionFigures = { ok: true; figures: Figure[]; notice: string | null } | { ok: false; message: string };

const monthsFigure = (label: string, months: number | null, detail: string): Figure => ({ label, unit: 'mois', value: months, shown: months === null ? '—' : `${formatDecimal(months)} mois`, suppressed: false, detail });

/** The figures, for the roles that read them (the catalogue's `sanctionIndicators:read`); null for the others. */
export async function loadSanctionFigures(fetch: typeof globalThis.fetch, filters: Filters, actions: readonly string[], reach?: Reach): Promise<SanctionFigures | null> {
  if (!actions.includes('sanctionIndicators:read')) return null;
  // Not asked when the API would answer only « non publié à ce niveau ».
  if (!sanctionsPublished(filters.period, filters, actions.includes('counts:readExact'), reach)) return { ok: true, figures: [], notice: sanctionsNotice(filters.period) };
  const panel = await loadPanel<PilotageSanctionsQuery>(fetch, 'sanctions et remobilisation', sanctionsDocument, {
    scope: { territoryId: filters.territoryId, programmeId: filters.programmeId, operatorId: filters.operatorId },
    period: { from: filters.from, to: filters.to },
  });
  if (!panel.ok) return { ok: false, message: panel.message };
  const s = panel.data.sanctionIndicators;
  return {
    ok: true,
    notice: null,
    figures: [
      countFigure('Procédures ouvertes', s.opened, 'manquements constatés sur la période'),
      countFigure('Décisions', s.decided, 'suspension ou pas de sanction'),
      countFigure('Suspensions décidées', s.suspended),
      countFigure('Suspensions levées', s.lifted, 'remobilisation'),
      monthsFigure('Durée décidée médiane', s.medianDurationMonths, 'des suspensions décidées'),
      daysFigure('Délai médian avant levée', s.medianDaysToLift, 'de la prise d’effet à la levée'),
    ],
  };
}
