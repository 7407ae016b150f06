import { markerMap } from '#lib/server/geo.ts';
import { requireSection } from '#lib/server/guard.ts';
import { loadPanel, type Panel } from '#lib/server/panel.ts';
import { THEMES } from '#lib/themes.ts';
import type { PageServerLoad } from './$types';
import partnersDocument from './partenaires.graphql?raw';
import servicesDocument from './services.graphql?raw';

export interface PartnerRow {
  id: string;
  name: string;
  kind: string;
  communeCode: string;
}

export interface ServiceRow {
  id: string;
  name: string;
  themes: string[];
  partner: { id: string; name: string; communeCode: string } | null;
}

/** One hit of `searchServices`: the service and the structure that offers it. */
interface ServiceHit {
  service: { id: string; name: string; themes: string[] };
  partner: { id: string; name: string; communeCode: string };
}

/** Case- and accent-insensitive form for matching names. */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const user = requireSection(locals.user, '/annuaire');
  const query = url.searchParams.get('q')?.trim().slice(0, 100) ?? '';
  const theme = THEMES.find((t) => t.slug === url.searchParams.get('theme')) ?? null;
  const kind = url.searchParams.get('type') || null;
  const [partners, found] = await Promise.all([
    loadPanel<{ partners: { nodes: PartnerRow[] } }>(fetch, 'structures partenaires', partnersDocument),
    loadPanel<{ searchServices: { nodes: ServiceHit[] } }>(fetch, 'recherche de services', servicesDocument, {
      query: query || null,
      filters: theme ? { themes: [theme.value] } : null,
      first: 50,
    }),
  ]);
  const services: Panel<{ searchServices: { nodes: ServiceRow[] } }> = found.ok
    ? { ...found, data: { searchServices: { nodes: found.data.searchServices.nodes.map((hit) => ({ ...hit.service, partner: hit.partner })) } } }
    : found;
  const words = fold(query).split(/\s+/).filter(Boolean);
  const matchingPartners = partners.ok
    ? partners.data.partners.nodes.filter((p) => (!kind || p.kind === kind) && words.every((w) => fold(p.name).includes(w)))
    : [];
  const kinds = partners.ok ? [...new Set(partners.data.partners.nodes.map((p) => p.kind))].sort() : [];
  const located = [
    ...(services.ok ? services.data.searchServices.nodes.flatMap((s) => (s.partner ? [{ id: s.partner.id, label: s.partner.name, communeCode: s.partner.communeCode }] : [])) : []),
    ...matchingPartners.map((p) => ({ id: p.id, label: p.name, communeCode: p.communeCode })),
  ];
  const unique = [...new Map(located.map((m) => [m.id, m])).values()];
  const map = await markerMap(user.departmentCode, unique);
  return { map, query, theme: theme?.slug ?? '', kind: kind ?? '', themes: THEMES, kinds, partners, matchingPartners, services };
};
