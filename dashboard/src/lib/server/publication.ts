// The Département's publication (statistical secrecy, docs/adr/0023) as the pages, the annual
// review and the exports read it: its notice for the caller, the same everywhere.
import type { PilotagePublicationQuery } from '../graphql/operations.ts';
import { publicationLimits, type PublicationLimits, type Scope } from '../publication.ts';
import { loadPanel } from './panel.ts';
import type { SessionUser } from './session.ts';
import publicationDocument from '../../routes/pilotage/publication.graphql?raw';

/** The whole Département: no territory, programme nor operator fixed. */
export const DEPARTMENT_SCOPE: Scope = { territoryId: null, programmeId: null, operatorId: null };

/**
 * What the publication lets the caller see for a scope and period (lib/publication.ts): null for an
 * administrator (exact figures, not asked), and when the publication cannot be read (the figures'
 * own panels then say they are unavailable). The API's null publication — the operation answered,
 * the job has not run yet — is « pas encore publiés ».
 */
export async function loadPublicationLimits(
  fetch: typeof globalThis.fetch,
  viewer: Pick<SessionUser, 'actions'>,
  scope: Scope,
  period: string | null,
): Promise<PublicationLimits | null> {
  if (viewer.actions.includes('counts:readExact')) return null;
  const panel = await loadPanel<PilotagePublicationQuery>(fetch, 'publication', publicationDocument);
  if (!panel.ok && !panel.notFound) return null;
  return publicationLimits(panel.ok ? panel.data.publication : null, scope, period, false);
}

/** The lines a document handed out (annual review, export) prints about the publication: its notice and warnings. */
export const publicationLines = (limits: PublicationLimits | null): string[] => (limits ? [limits.notice, ...limits.warnings] : []);
