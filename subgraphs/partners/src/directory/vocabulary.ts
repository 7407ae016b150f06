import { registerEnumType } from 'type-graphql';
import frais from '../data-inclusion/schema/extra/frais.json' with { type: 'json' };
import modesAccueil from '../data-inclusion/schema/extra/modes-accueil.json' with { type: 'json' };
import modesMobilisation from '../data-inclusion/schema/extra/modes-mobilisation.json' with { type: 'json' };
import personnesMobilisatrices from '../data-inclusion/schema/extra/personnes-mobilisatrices.json' with { type: 'json' };
import publics from '../data-inclusion/schema/extra/publics.json' with { type: 'json' };
import thematiques from '../data-inclusion/schema/extra/thematiques.json' with { type: 'json' };
import typesDeServices from '../data-inclusion/schema/extra/types-de-services.json' with { type: 'json' };

/**
 * data·inclusion values are kebab-case slugs (`sante--sante-mentale`); GraphQL enum values must be
 * names. The mapping is mechanical and reversible (slugs never contain `_`): upper case, `-` → `_`.
 */
export const toEnumName = (value: string): string => value.toUpperCase().replace(/-/g, '_');
export const fromEnumName = (name: string): string => name.toLowerCase().replace(/_/g, '-');

type Vocabulary = readonly { value: string; label: string }[];

function enumOf(vocabulary: Vocabulary): Record<string, string> {
  return Object.fromEntries(vocabulary.map((v) => [toEnumName(v.value), toEnumName(v.value)]));
}

function describeValues(vocabulary: Vocabulary): Record<string, { description: string }> {
  return Object.fromEntries(vocabulary.map((v) => [toEnumName(v.value), { description: `${v.label} (data·inclusion \`${v.value}\`).` }]));
}

function register(vocabulary: Vocabulary, name: string, description: string): Record<string, string> {
  const values = enumOf(vocabulary);
  registerEnumType(values, { name, description, valuesConfig: describeValues(vocabulary) });
  return values;
}

export const ThemeEnum = register(thematiques, 'Theme', 'Thème of a service (data·inclusion `thematiques`), e.g. `SANTE__SANTE_MENTALE`.');
export const ServiceTypeEnum = register(typesDeServices, 'ServiceType', 'Type of service (data·inclusion `type`).');
export const PublicEnum = register(publics, 'Public', 'Public a service is meant for (data·inclusion `publics`).');
export const FeeEnum = register(frais, 'Fee', 'Whether a service is free (data·inclusion `frais`).');
export const ReceptionModeEnum = register(modesAccueil, 'ReceptionMode', 'In person or remote (data·inclusion `modes_accueil`).');
export const MobilisationModeEnum = register(modesMobilisation, 'MobilisationMode', 'How to reach a service (data·inclusion `modes_mobilisation`).');
export const MobiliserEnum = register(personnesMobilisatrices, 'Mobiliser', 'Who may mobilise a service (data·inclusion `mobilisable_par`).');

export const themeValues: ReadonlySet<string> = new Set(thematiques.map((t) => t.value));

/** GraphQL enum names → data·inclusion slugs, for a list argument that may be absent. */
export const slugs = (names: readonly string[] | null | undefined): string[] | null => (names && names.length > 0 ? names.map(fromEnumName) : null);
/** data·inclusion slugs → GraphQL enum names. */
export const names = (values: readonly string[] | null | undefined): string[] => (values ?? []).map(toEnumName);
