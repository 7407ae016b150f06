// The Département's publication (statistical secrecy, docs/adr/0023) as the pages, the annual
// review and the exports read it: its notice for the caller, the same everywhere.
import type { PilotagePublicationQuery } from '../graphql/operations.ts';
import { publicationLimits, reachOf, type Publication, type PublicationLimits, type Scope } from '../publication.ts';
import { loadPanel, type Panel } from './panel.ts';
import type { SessionUser } from './session.ts';
import publicationDocument from '../../routes/pilotage/publication.graphql?raw';

/** The whole Département: no territory, programme nor operator fixed. */
export const DEPARTMENT_SCOPE: Scope = { territoryId: null, programmeId: null, operatorId: null };

/**
 * What the publication lets the caller see for a scope and period (lib/publication.ts), the scope
 * narrowed to the caller's reach (an operator's structure, the territories it is limited to): null
 * for an administrator (exact figures, not asked), and when the publication cannot be read (the
 * figures' own panels then say they are unavailable). The API's null publication — the operation
 * answered, the job has not run yet — is « pas encore publiés ».
 */
export async function loadPublicationLimits(
  fetch: typeof globalThis.fetch,
  viewer: Pick<SessionUser, 'actions' | 'role' | 'partnerId' | 'territoryIds'>,
  scope: Scope,
  period: string | null,
): Promise<PublicationLimits | null> {
  if (viewer.actions.includes('counts:readExact')) return null;
  const panel = await publicationPanel(fetch);
  if (!panel.ok && !panel.notFound) return null;
  return publicationLimits(panel.ok ? panel.data.publication : null, scope, period, false, reachOf(viewer));
}

/** The publication's operation, asked once per request (the `fetch` of its load) however many parts read it. */
const asked = new WeakMap<typeof globalThis.fetch, Promise<Panel<PilotagePublicationQuery>>>();
function publicationPanel(fetch: typeof globalThis.fetch): Promise<Panel<PilotagePublicationQuery>> {
  let panel = asked.get(fetch);
  if (!panel) {
    panel = loadPanel<PilotagePublicationQuery>(fetch, 'publication', publicationDocument);
    asked.set(fetch, panel);
  }
  return panel;
}

/**
 * The publication as the API gives it to a caller without exact counts (null: the job has not run
 * yet), or undefined for an administrator (not asked) and when it could not be read.
 */
export async function loadPublication(fetch: typeof globalThis.fetch, viewer: Pick<SessionUser, 'actions'>): Promise<Publication | null | undefined> {
  if (viewer.actions.includes('counts:readExact')) return undefined;
  const panel = await publicationPanel(fetch);
  return panel.ok ? panel.data.publication : panel.notFound ? null : undefined;
}

/** The lines a document handed out (annual review, export) prints about the publication: its notice and warnings. */
export const publicationLines = (limits: PublicationLimits | null): string[] => (limits ? [limits.notice, ...limits.warnings] : []);
