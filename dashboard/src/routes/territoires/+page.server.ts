import { error } from '@sveltejs/kit';
import { GatewayUnavailableError, gatewayQuery } from '#lib/server/gateway.ts';
import { DEPARTMENT_SCOPE, loadPublicationLimits } from '#lib/server/publication.ts';
import { loadPublishedCaseload, NOT_PUBLISHED_COUNT, type PublishedCaseload } from '#lib/server/published-caseload.ts';
import type { PageServerLoad } from './$types';
import { INDICATOR_PARTS, otherErrors, totals, unavailableIndicators } from './indicators';
import document from './territoires.graphql?raw';
import type { TerritoryOverviewQuery, TerritoryOverviewTerritory, TerritoryOverviewVariables } from './territoires.types';

const UNAVAILABLE = 'Le service de données est momentanément indisponible.';

/** Département codes: « 01 »…« 95 », « 2A », « 2B », « 971 »…« 976 ». */
const DEPARTMENT_CODE = /^(?:\d{2,3}|2[AB])$/;

/** The optional `?departement=` parameter; absent or empty means the caller's own Département. */
function departmentParam(url: URL): string | null {
  const raw = url.searchParams.get('departement')?.trim();
  if (!raw) return null;
  const code = raw.toUpperCase();
  if (!DEPARTMENT_CODE.test(code)) error(400, `« ${raw.slice(0, 20)} » n'est pas un code de Département valide.`);
  return code;
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const department = departmentParam(url);
  const user = locals.user;
  // The caller's own Département's publication (the people accompanied are read from it).
  const own = user !== null && (department === null || department === user.departmentCode);

  // A caller without exact counts reads its own Département's caseload as published (never today's, not published); an administrator, today's.
  const asPublished = user !== null && own && !user.actions.includes('counts:readExact');

  let result;
  let limits;
  let caseload: PublishedCaseload = { kind: 'live' };
  try {
    [result, limits, caseload] = await Promise.all([
      gatewayQuery<TerritoryOverviewQuery, TerritoryOverviewVariables>(fetch, document, { department, live: !asPublished }),
      own ? loadPublicationLimits(fetch, user, DEPARTMENT_SCOPE, null) : null,
      asPublished && user ? loadPublishedCaseload(fetch, user) : caseload,
    ]);
  } catch (cause) {
    if (cause instanceof GatewayUnavailableError) {
      console.error(`[territoires] ${cause.message}`);
      error(503, UNAVAILABLE);
    }
    throw cause;
  }

  const { data, errors } = result;
  if (errors.length > 0) {
    console.warn(`[territoires] partial data: ${errors.map((e) => `${e.message} @ ${(e.path ?? []).join('.')}`).join('; ')}`);
  }

  // Nothing usable: the operation failed as a whole.
  if (!data?.territories) error(503, UNAVAILABLE);

  if (!data.department) {
    if (errors.some((e) => e.path?.[0] === 'department')) error(503, UNAVAILABLE);
    error(
      404,
      department
        ? `Le Département « ${department} » est inconnu ou ne fait pas partie de votre périmètre.`
        : "Votre Département n'a pas pu être déterminé.",
    );
  }

  const territories = data.territories.map((territory) => withCaseload(territory, caseload));
  const unavailable = unavailableIndicators(territories, errors);

  return {
    department: data.department,
    territories,
    totals: totals(territories),
    /** Whose caseload the people column shows: today's (`live`), as published at a period's end, or the sentence said instead of the column. */
    caseload: caseload.kind === 'published' ? { kind: caseload.kind, label: caseload.label, period: caseload.period, to: caseload.to, total: caseload.total } : caseload,
    /** Names of the missing parts of the data, in column order. */
    unavailableParts: unavailable.map((indicator) => INDICATOR_PARTS[indicator]),
    /** Some other part of the answer failed (the page says that data may be incomplete). */
    incomplete: otherErrors(errors).length > 0,
    /** Before the publication job's first run: why every count of people is « non publié à ce niveau » (null otherwise). */
    notYetPublished: limits?.nothingPublished ? limits.notice : null,
  };
};

/**
 * A territory's people column from the caseload as published (not asked with the territories for a
 * caller without exact counts): the value when shown, null when hidden (`activeCaseload` says why)
 * or unavailable (`activeCaseload` null: the page says the data « bénéficiaires » is missing).
 */
function withCaseload(territory: TerritoryOverviewTerritory, caseload: PublishedCaseload): TerritoryOverviewTerritory {
  switch (caseload.kind) {
    case 'live':
      return territory;
    case 'published': {
      // A territory outside the caller's reach is not in the answer: not published to it.
      const count = caseload.byTerritory[territory.id] ?? NOT_PUBLISHED_COUNT;
      return { ...territory, activeBeneficiaries: count && !count.suppressed ? count.value : null, activeCaseload: count };
    }
    case 'not-published':
      return { ...territory, activeBeneficiaries: null, activeCaseload: NOT_PUBLISHED_COUNT };
    case 'unavailable':
      return { ...territory, activeBeneficiaries: null, activeCaseload: null };
  }
}
