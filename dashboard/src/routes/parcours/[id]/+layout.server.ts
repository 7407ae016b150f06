import type { BeneficiarySanctionsQuery } from '#lib/graphql/operations.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import type { LayoutServerLoad } from './$types';
import sanctionsDocument from './sanctions/procedures.graphql?raw';

/**
 * The person's suspension-remobilisation procedures, for the path page and the sanctions page
 * alike (`SanctionPanel`): only for the roles that read them (the catalogue's `sanction:read`);
 * null for the others, whose pages show no panel.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: LayoutServerLoad = async ({ fetch, locals, params }) => {
  const sanctions: Panel<BeneficiarySanctionsQuery> | null = locals.user?.actions.includes('sanction:read') && UUID.test(params.id)
    ? await loadPanel<BeneficiarySanctionsQuery>(fetch, 'sanctions', sanctionsDocument, { id: params.id })
    : null;
  return { sanctions };
};
