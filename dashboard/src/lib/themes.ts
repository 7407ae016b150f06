// The themes (data·inclusion « thématiques ») the coverage map and the directory filter by.
// The GraphQL enum values are the thématique slugs in upper case with `--` → `__` and `-` → `_`
// (`sante--sante-mentale` → `SANTE__SANTE_MENTALE`): this file is the one place that knows them.
export interface Theme {
  /** GraphQL enum value (`Theme`). */
  value: string;
  /** data·inclusion slug. */
  slug: string;
  label: string;
}

const slugs: ReadonlyArray<[string, string]> = [
  ['sante--sante-mentale', 'Santé mentale'],
  ['sante--addictions', 'Addictions'],
  ['sante--acces-aux-soins', 'Accès aux soins'],
  ['sante--constituer-un-dossier-mdph-invalidite', 'Dossier MDPH / invalidité'],
  ['sante--sante-sexuelle', 'Santé sexuelle'],
];

/** GraphQL enum value of a data·inclusion thématique slug. */
export function themeValue(slug: string): string {
  return slug.toUpperCase().replaceAll('--', '__').replaceAll('-', '_');
}

export const THEMES: readonly Theme[] = slugs.map(([slug, label]) => ({ value: themeValue(slug), slug, label }));

export const DEFAULT_THEME = THEMES[0]!;

/** The theme named by a URL parameter (slug), or the default. */
export function themeFromParam(slug: string | null): Theme {
  return THEMES.find((theme) => theme.slug === slug) ?? DEFAULT_THEME;
}
