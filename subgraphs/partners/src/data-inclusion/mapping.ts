import type { PartnerKind } from '../partner/partner.entity.js';

/** A data·inclusion field and the column that holds it, with its PostgreSQL type. */
export interface FieldMapping {
  field: string;
  column: string;
  type: 'text' | 'float8' | 'int' | 'text[]' | 'date';
}

/** Every field of a data·inclusion v1 structure and where Passerelles keeps it. */
export const structureFields: FieldMapping[] = [
  { field: 'id', column: 'source_id', type: 'text' },
  { field: 'source', column: 'source', type: 'text' },
  { field: 'nom', column: 'name', type: 'text' },
  { field: 'siret', column: 'siret', type: 'text' },
  { field: 'description', column: 'description', type: 'text' },
  { field: 'commune', column: 'commune_name', type: 'text' },
  { field: 'code_insee', column: 'commune_code', type: 'text' },
  { field: 'code_postal', column: 'postal_code', type: 'text' },
  { field: 'adresse', column: 'address', type: 'text' },
  { field: 'complement_adresse', column: 'address_complement', type: 'text' },
  { field: 'latitude', column: 'latitude', type: 'float8' },
  { field: 'longitude', column: 'longitude', type: 'float8' },
  { field: 'telephone', column: 'phone', type: 'text' },
  { field: 'courriel', column: 'email', type: 'text' },
  { field: 'site_web', column: 'website', type: 'text' },
  { field: 'lien_source', column: 'source_link', type: 'text' },
  { field: 'horaires_accueil', column: 'opening_hours', type: 'text' },
  { field: 'accessibilite_lieu', column: 'accessibility_url', type: 'text' },
  { field: 'reseaux_porteurs', column: 'networks', type: 'text[]' },
  { field: 'date_maj', column: 'listing_updated_on', type: 'date' },
];

/** Every field of a data·inclusion v1 service (but `structure_id`, a link) and where Passerelles keeps it. */
export const serviceFields: FieldMapping[] = [
  { field: 'id', column: 'source_id', type: 'text' },
  { field: 'source', column: 'source', type: 'text' },
  { field: 'nom', column: 'name', type: 'text' },
  { field: 'description', column: 'description', type: 'text' },
  { field: 'type', column: 'type', type: 'text' },
  { field: 'thematiques', column: 'themes', type: 'text[]' },
  { field: 'frais', column: 'fee', type: 'text' },
  { field: 'frais_precisions', column: 'fee_details', type: 'text' },
  { field: 'publics', column: 'publics', type: 'text[]' },
  { field: 'publics_precisions', column: 'publics_details', type: 'text' },
  { field: 'conditions_acces', column: 'access_conditions', type: 'text' },
  { field: 'modes_accueil', column: 'reception_modes', type: 'text[]' },
  { field: 'modes_mobilisation', column: 'mobilisation_modes', type: 'text[]' },
  { field: 'mobilisable_par', column: 'mobilisable_by', type: 'text[]' },
  { field: 'mobilisation_precisions', column: 'mobilisation_details', type: 'text' },
  { field: 'lien_mobilisation', column: 'mobilisation_link', type: 'text' },
  { field: 'zone_eligibilite', column: 'eligibility_zone', type: 'text[]' },
  { field: 'volume_horaire_hebdomadaire', column: 'weekly_hours', type: 'float8' },
  { field: 'nombre_semaines', column: 'weeks', type: 'int' },
  { field: 'adresse', column: 'address', type: 'text' },
  { field: 'complement_adresse', column: 'address_complement', type: 'text' },
  { field: 'code_postal', column: 'postal_code', type: 'text' },
  { field: 'commune', column: 'commune_name', type: 'text' },
  { field: 'code_insee', column: 'commune_code', type: 'text' },
  { field: 'latitude', column: 'latitude', type: 'float8' },
  { field: 'longitude', column: 'longitude', type: 'float8' },
  { field: 'telephone', column: 'phone', type: 'text' },
  { field: 'courriel', column: 'email', type: 'text' },
  { field: 'contact_nom_prenom', column: 'contact_name', type: 'text' },
  { field: 'horaires_accueil', column: 'opening_hours', type: 'text' },
  { field: 'lien_source', column: 'source_link', type: 'text' },
  { field: 'date_maj', column: 'listing_updated_on', type: 'date' },
];

/**
 * data·inclusion has no kind of structure; its networks (`reseaux_porteurs`) say most of it. The
 * first network that names a kind wins; otherwise OTHER (an admin can set the kind afterwards).
 */
const kindOfNetwork: Record<string, PartnerKind> = {
  mdph: 'MDPH',
  csapa: 'CSAPA',
  caarud: 'CAARUD',
  cmp: 'CMP',
  cms: 'CMS',
  cpam: 'HEALTH_CHECK_CENTRE',
  chu: 'HOSPITAL',
  'ccas-cias': 'CCAS',
  'croix-rouge': 'ASSOCIATION',
  'maison-departementale-de-lautonomie': 'MDPH',
  ei: 'SIAE',
  aci: 'SIAE',
  etti: 'SIAE',
  eiti: 'SIAE',
  ai: 'SIAE',
};

export function kindOfNetworks(networks: readonly string[] | null | undefined): PartnerKind {
  for (const network of networks ?? []) {
    const kind = kindOfNetwork[network];
    if (kind) return kind;
  }
  return 'OTHER';
}
