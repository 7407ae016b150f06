import { pseudonym } from '#lib/people.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import type { PageServerLoad } from './$types';
import caseloadDocument from './file-active.graphql?raw';

interface CaseloadNode {
  id: string;
  communeCode: string;
  accompaniments: { id: string; status: string; prescribedOn: string; startedOn: string | null; endedOn: string | null }[];
}

export interface CaseloadRow {
  id: string;
  /** Pseudonymous: the list reads no nominative data (the person's page does). */
  label: string;
  communeCode: string;
  startedOn: string | null;
  status: string | null;
}

/** The caseload filters of the beneficiaries subgraph (`CaseloadAlert`). */
const ALERTS: Record<string, string> = {
  WAITING_FIRST_INTERVIEW: 'En attente du premier entretien',
  MISSED_LAST_APPOINTMENT: 'Dernier rendez-vous manqué',
  REVIEW_DUE: 'Bilan à faire',
};

const STATUSES: Record<string, string> = {
  PRESCRIBED: 'Prescrit',
  VALIDATED: 'Validé',
  IN_PROGRESS: 'En cours',
  FINAL_REVIEW_DONE: 'Bilan final fait',
  ENDED: 'Terminé',
};

function row(node: CaseloadNode): CaseloadRow {
  const open = node.accompaniments.find((a) => a.endedOn === null) ?? node.accompaniments.at(-1) ?? null;
  return {
    id: node.id,
    label: pseudonym(node.id),
    communeCode: node.communeCode,
    startedOn: open?.startedOn ?? open?.prescribedOn ?? null,
    status: open ? (STATUSES[open.status] ?? open.status) : null,
  };
}

type Page = { caseload: { nodes: CaseloadRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/parcours');
  const alert = url.searchParams.get('alerte');
  const after = url.searchParams.get('apres');
  const loaded = await loadPanel<{ caseload: { nodes: CaseloadNode[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
    fetch,
    'file active',
    caseloadDocument,
    { first: 50, after: after || null, alert: alert && alert in ALERTS ? alert : null },
  );
  const caseload: Panel<Page> = loaded.ok
    ? { ...loaded, data: { caseload: { nodes: loaded.data.caseload.nodes.map(row), pageInfo: loaded.data.caseload.pageInfo } } }
    : loaded;
  return { caseload, alert: alert ?? '', alerts: ALERTS };
};
