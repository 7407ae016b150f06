// The caseload per territory a caller without exact counts reads on Territoires and Couverture:
// as the Département's publication holds it, at the end of the latest closed period the grid
// publishes for a territory (lib/publication.ts), never « today » (statistical secrecy, docs/adr/0023).
// Administrators read today's live caseload (`Territory.activeCaseload`): nothing is asked for them.
import type { TerritoryPublishedCaseloadQuery } from '../graphql/operations.ts';
import { reachOf, territoryCaseloadPublication } from '../publication.ts';
import { loadPanel } from './panel.ts';
import { DEPARTMENT_SCOPE, loadPublication } from './publication.ts';
import type { SessionUser } from './session.ts';
import document from '../../routes/territoires/file-active-publiee.graphql?raw';

/** The part of the data named to users when it cannot be read. */
export const PUBLISHED_CASELOAD_PART = 'personnes accompagnées publiées';

/** A count as the API gives it (its rule always said). */
export type PublishedCount = TerritoryPublishedCaseloadQuery['indicatorsByTerritory'][number]['activeCaseload'];

/** Not published to the caller: « non publié à ce niveau ». */
export const NOT_PUBLISHED_COUNT: PublishedCount = { value: null, suppressed: true, rule: 'NOT_PUBLISHED' };

export type PublishedCaseload =
  /** An administrator: today's live caseload, read with the territories. */
  | { kind: 'live' }
  /** Each territory's caseload at the end of `period`, as published; `total`: the caller's whole reach's (Pilotage's card for that period). */
  | { kind: 'published'; period: string; /** The period's last day (YYYY-MM-DD), the caseload's date. */ to: string; label: string; byTerritory: Record<string, PublishedCount>; total: PublishedCount | null }
  /** Not published per territory (nothing yet, or no territory on the grid): the one sentence said instead. */
  | { kind: 'not-published'; sentence: string }
  /** The publication or the counts could not be read. */
  | { kind: 'unavailable'; message: string };

/**
 * The caseload per territory for a viewer: `live` for an administrator (nothing asked), otherwise
 * read from the publication (asked once per request, shared with the page's notice) then every
 * territory in one operation, for the Département's whole scope — as Pilotage's comparison of
 * territories asks it, so that both show the same figure.
 */
export async function loadPublishedCaseload(
  fetch: typeof globalThis.fetch,
  viewer: Pick<SessionUser, 'actions' | 'role' | 'partnerId' | 'territoryIds'>,
): Promise<PublishedCaseload> {
  if (viewer.actions.includes('counts:readExact')) return { kind: 'live' };
  const publication = await loadPublication(fetch, viewer);
  if (publication === undefined) return { kind: 'unavailable', message: `Les données « ${PUBLISHED_CASELOAD_PART} » sont momentanément indisponibles.` };
  const where = territoryCaseloadPublication(publication, reachOf(viewer));
  if (!where.published) return { kind: 'not-published', sentence: where.sentence };
  const panel = await loadPanel<TerritoryPublishedCaseloadQuery>(fetch, PUBLISHED_CASELOAD_PART, document, {
    scope: DEPARTMENT_SCOPE,
    period: { from: where.from, to: where.to },
  });
  if (!panel.ok) return { kind: 'unavailable', message: panel.message };
  const byTerritory: Record<string, PublishedCount> = {};
  for (const row of panel.data.indicatorsByTerritory ?? []) byTerritory[row.territoryId] = row.activeCaseload;
  return { kind: 'published', period: where.period, to: where.to, label: where.label, byTerritory, total: panel.data.indicators?.activeCaseload ?? null };
}
