// The directory's search as it lives in the URL (`/annuaire?q=…&commune=…&theme=…`): parsed on the
// server into the variables of `searchPartners`, and written back by the page as the user types.
import type { DirectorySearchQueryVariables, PartnerKind, Public, ReceptionMode, Theme as ThemeValue } from '#lib/graphql/operations.ts';
import { PARTNER_KINDS, PUBLICS, RECEPTION_MODES } from '#lib/labels.ts';
import { DIRECTORY_THEMES, type Theme } from '#lib/themes.ts';

/** Results per page (the API pages by cursor). */
export const PAGE_SIZE = 20;

export interface DirectoryFilters {
  /** Words to find, as typed (trimmed, at most 100 characters). */
  query: string;
  /** The commune of the person, as typed (a name). */
  commune: string;
  theme: Theme | null;
  kind: PartnerKind | null;
  public: Public | null;
  mode: ReceptionMode | null;
  openNow: boolean;
  free: boolean;
  stepFree: boolean;
  signLanguage: boolean;
  /** Cursor of the page to show (`apres`), or null for the first. */
  after: string | null;
}

/** data·inclusion slug ↔ GraphQL enum value: `en-presentiel` ↔ `EN_PRESENTIEL`. */
const toValue = (slug: string): string => slug.toUpperCase().replaceAll('-', '_');
export const toSlug = (value: string): string => value.toLowerCase().replaceAll('_', '-');

function oneOf<T extends string>(labels: Readonly<Record<T, string>>, value: string | null): T | null {
  return value && Object.hasOwn(labels, value) ? (value as T) : null;
}

const text = (params: URLSearchParams, name: string): string => params.get(name)?.trim().slice(0, 100) ?? '';

export function parseFilters(params: URLSearchParams): DirectoryFilters {
  return {
    query: text(params, 'q'),
    commune: text(params, 'commune'),
    theme: DIRECTORY_THEMES.find((t) => t.slug === params.get('theme')) ?? null,
    kind: oneOf(PARTNER_KINDS, params.get('type')),
    public: oneOf(PUBLICS, toValue(params.get('public') ?? '')),
    mode: oneOf(RECEPTION_MODES, toValue(params.get('accueil') ?? '')),
    openNow: params.get('ouvert') === '1',
    free: params.get('gratuit') === '1',
    stepFree: params.get('plain-pied') === '1',
    signLanguage: params.get('lsf') === '1',
    after: params.get('apres') || null,
  };
}

/** Whether anything narrows the search (else the whole directory is listed, by name). */
export function isFiltered(f: DirectoryFilters): boolean {
  return Boolean(f.query || f.commune || f.theme || f.kind || f.public || f.mode || f.openNow || f.free || f.stepFree || f.signLanguage);
}

/** The variables of `DirectorySearch`: the person's commune, when known, restricts to services open to it and orders by distance. */
export function searchVariables(f: DirectoryFilters, communeCode: string | null): DirectorySearchQueryVariables {
  const filters: NonNullable<DirectorySearchQueryVariables['filters']> = {
    ...(f.theme ? { themes: [f.theme.value as ThemeValue] } : {}),
    ...(f.kind ? { kinds: [f.kind] } : {}),
    ...(f.public ? { publics: [f.public] } : {}),
    ...(f.mode ? { receptionModes: [f.mode] } : {}),
    ...(f.openNow ? { openNow: true } : {}),
    ...(f.free ? { free: true } : {}),
    ...(f.stepFree ? { stepFreeAccess: true } : {}),
    ...(f.signLanguage ? { signLanguage: true } : {}),
  };
  return {
    query: f.query || null,
    filters: Object.keys(filters).length > 0 ? filters : null,
    near: communeCode ? { communeCode } : null,
    eligibleFor: communeCode,
    first: PAGE_SIZE,
    after: f.after,
  };
}

/** Case-, accent- and punctuation-insensitive form of a name: « Saint-Omer » → « saint omer ». */
export const fold = (value: string): string =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export interface CommuneChoice {
  /** The commune the search uses, when the text names one. */
  chosen: { code: string; name: string } | null;
  /** Communes whose name starts with the text (for the list of suggestions). */
  suggestions: { code: string; name: string }[];
}

/**
 * The commune a typed name designates: the one whose name it is (accents, case and hyphens
 * ignored), or the only one whose name starts with it; otherwise none, and the suggestions.
 */
export function chooseCommune(typed: string, candidates: readonly { code: string; name: string }[]): CommuneChoice {
  const wanted = fold(typed);
  const exact = candidates.filter((c) => fold(c.name) === wanted);
  const chosen = exact.length === 1 ? exact[0]! : exact.length === 0 && candidates.length === 1 ? candidates[0]! : null;
  return { chosen: chosen ? { code: chosen.code, name: chosen.name } : null, suggestions: [...candidates] };
}

/** The URL of the same search (for « Résultats suivants », « Premiers résultats »). */
export function searchUrl(base: string, params: { toString(): string }, after: string | null): string {
  const next = new URLSearchParams(params.toString());
  if (after) next.set('apres', after);
  else next.delete('apres');
  const query = next.toString();
  return query ? `${base}?${query}` : base;
}

/** The URL of a search form's values, empty ones left out (so that the URL stays short and readable). */
export function formSearchUrl(base: string, entries: Iterable<[string, FormDataEntryValue]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of entries) if (typeof value === 'string' && value.trim() !== '') params.set(name, value.trim());
  return params.size > 0 ? `${base}?${params.toString()}` : base;
}
