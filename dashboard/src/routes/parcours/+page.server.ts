import { requireSection } from '#lib/server/guard.ts';
import { loadPanel } from '#lib/server/panel.ts';
import type { PageServerLoad } from './$types';
import caseloadDocument from './file-active.graphql?raw';

export interface CaseloadRow {
  id: string;
  label: string;
  communeCode: string;
  startedOn: string | null;
  alerts: { kind: string; dueOn: string | null }[];
}

const ALERTS: Record<string, string> = {
  CER_ENDING: 'CER arrivant à échéance',
  RENEWAL_DUE: 'Renouvellement à prévoir',
  MISSED_APPOINTMENTS: 'Rendez-vous manqués',
};

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  requireSection(locals.user, '/parcours');
  const alert = url.searchParams.get('alerte');
  const after = url.searchParams.get('apres');
  const caseload = await loadPanel<{ caseload: { nodes: CaseloadRow[]; endCursor: string | null; hasNextPage: boolean } }>(
    fetch,
    'file active',
    caseloadDocument,
    { first: 50, after: after || null, alert: alert && alert in ALERTS ? alert : null },
  );
  return { caseload, alert: alert ?? '', alerts: ALERTS };
};
