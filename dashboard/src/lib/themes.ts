// The themes (data·inclusion « thématiques ») the coverage map and the directory filter by.
// The GraphQL enum values are the thématique slugs in upper case with `--` → `__` and `-` → `_`
// (`sante--sante-mentale` → `SANTE__SANTE_MENTALE`): this file is the one place that knows them.
import type { Theme as ThemeValue } from './graphql/operations.ts';
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

/** The directory's thème filter: the health thèmes, access to rights and well-being (DOMAIN.md « Partner offer »). */
export const DIRECTORY_THEMES: readonly Theme[] = [
  ...THEMES,
  ...([
    ['difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits', 'Accès aux droits'],
    ['remobilisation--bien-etre-confiance-en-soi', 'Bien-être et confiance en soi'],
  ] as const).map(([slug, label]) => ({ value: themeValue(slug), slug, label })),
];

/**
 * French labels of every thème of the data·inclusion schema v1 (its `extra/thematiques.json`,
 * commit `df9ce7f`, Licence Ouverte 2.0), for the services' thèmes whatever they are.
 */
export const THEME_LABELS = {
  CHOISIR_UN_METIER__CONFIRMER_SON_CHOIX_DE_METIER: 'Confirmer son choix de métier',
  CHOISIR_UN_METIER__CONNAITRE_LES_OPPORTUNITES_DEMPLOI: 'Connaître les opportunités d’emploi',
  CHOISIR_UN_METIER__DECOUVRIR_UN_METIER_OU_UN_SECTEUR_DACTIVITE: 'Découvrir un métier ou un secteur d’activité',
  CHOISIR_UN_METIER__IDENTIFIER_SES_POINTS_FORTS_ET_SES_COMPETENCES: 'Identifier ses points forts et ses compétences',
  CREER_UNE_ENTREPRISE__DEFINIR_SON_PROJET_DE_CREATION_DENTREPRISE: 'Définir son projet de création d’entreprise',
  CREER_UNE_ENTREPRISE__DEVELOPPER_SON_ENTREPRISE: 'Développer son entreprise',
  CREER_UNE_ENTREPRISE__STRUCTURER_SON_PROJET_DE_CREATION_DENTREPRISE: 'Structurer son projet de création d’entreprise',
  DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__ACCOMPAGNEMENT_AUX_DEMARCHES_ADMINISTRATIVES: 'Accompagnement aux démarches administratives',
  DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__ACCOMPAGNEMENT_POUR_LACCES_A_LA_CITOYENNETE: 'Accompagnement pour l’accès à la citoyenneté',
  DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__ACCOMPAGNEMENT_POUR_LACCES_AUX_DROITS: 'Accompagnement pour l’accès aux droits',
  DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__BENEFICIER_DUNE_MESURE_DACCOMPAGNEMENT_ADAPTE: 'Bénéficier d’une mesure d’accompagnement adapté',
  DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__CONNAITRE_SES_DROITS_FACE_A_UNE_DISCRIMINATION: 'Connaître ses droits face à une discrimination',
  DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__PRENDRE_EN_COMPTE_UNE_PROBLEMATIQUE_JUDICIAIRE: 'Prendre en compte une problématique judiciaire',
  DIFFICULTES_FINANCIERES__ACQUERIR_UNE_AUTONOMIE_BUDGETAIRE: 'Acquérir une autonomie budgétaire',
  DIFFICULTES_FINANCIERES__AMELIORER_SA_GESTION_BUDGETAIRE: 'Améliorer sa gestion budgétaire',
  DIFFICULTES_FINANCIERES__METTRE_EN_PLACE_UNE_MESURE_DE_PROTECTION_FINANCIERE: 'Mettre en place une mesure de protection financière',
  DIFFICULTES_FINANCIERES__PREVENIR_UNE_DEGRADATION_DE_LA_SITUATION_FINANCIERE: 'Prévenir une dégradation de la situation financière',
  DIFFICULTES_FINANCIERES__SITUATION_DENDETTEMENT_SURENDETTEMENT: 'Situation d’endettement ou de surendettement',
  EQUIPEMENT_ET_ALIMENTATION__AIDE_MENAGERE: 'Aide ménagère',
  EQUIPEMENT_ET_ALIMENTATION__ALIMENTATION: 'Alimentation',
  EQUIPEMENT_ET_ALIMENTATION__ELECTROMENAGER: 'Électroménager',
  EQUIPEMENT_ET_ALIMENTATION__HABILLEMENT: 'Habillement',
  FAMILLE__GARDE_DENFANTS: 'Garde d’enfants',
  FAMILLE__PRISE_EN_CHARGE_PERSONNE_DEPENDANTE: 'Prise en charge d’une personne dépendante',
  FAMILLE__SOUTIEN_A_LA_PARENTALITE_ET_A_LEDUCATION: 'Soutien à la parentalité et à l’éducation',
  FAMILLE__SOUTIEN_AIDANTS: 'Soutien aux aidants',
  FAMILLE__SURMONTER_CONFLITS_SEPARATION_VIOLENCE: 'Surmonter les conflits liés à la séparation ou à la violence',
  LECTURE_ECRITURE_CALCUL__MAITRISER_LE_CALCUL: 'Maîtriser le calcul',
  LECTURE_ECRITURE_CALCUL__MAITRISER_LE_FRANCAIS: 'Maîtriser le français',
  LOGEMENT_HEBERGEMENT__ACHETER_UN_LOGEMENT: 'Acheter un logement',
  LOGEMENT_HEBERGEMENT__CHANGER_DE_LOGEMENT: 'Changer de logement',
  LOGEMENT_HEBERGEMENT__LOUER_UN_LOGEMENT: 'Louer un logement',
  LOGEMENT_HEBERGEMENT__RECHERCHER_UNE_SOLUTION_DHEBERGEMENT_TEMPORAIRE: 'Rechercher une solution d’hébergement temporaire',
  LOGEMENT_HEBERGEMENT__REDUIRE_LES_IMPAYES_DE_LOYER: 'Réduire les impayés de loyer',
  LOGEMENT_HEBERGEMENT__SE_MAINTENIR_DANS_LE_LOGEMENT: 'Se maintenir dans le logement',
  LOGEMENT_HEBERGEMENT__SINFORMER_SUR_LES_DEMARCHES_LIEES_A_LACCES_AU_LOGEMENT: 'S’informer sur les démarches liées à l’accès au logement',
  MOBILITE__ACCEDER_A_UN_VEHICULE: 'Accéder à un véhicule',
  MOBILITE__ENTRETENIR_REPARER_SON_VEHICULE: 'Entretenir et réparer son véhicule',
  MOBILITE__ETRE_ACCOMPAGNE_DANS_SON_PARCOURS_MOBILITE: 'Être accompagné dans son parcours mobilité',
  MOBILITE__FINANCER_MA_MOBILITE: 'Financer ma mobilité',
  MOBILITE__MOBILITE_DOUCE_PARTAGEE_COLLECTIVE: 'Utiliser des services de mobilité douce, partagée ou collective',
  MOBILITE__PREPARER_UN_PERMIS: 'Préparer un permis',
  NUMERIQUE__ACCEDER_A_DES_SERVICES_EN_LIGNE: 'Accéder à des services en ligne',
  NUMERIQUE__ACCEDER_A_UNE_CONNEXION_INTERNET: 'Accéder à une connexion Internet',
  NUMERIQUE__ACQUERIR_UN_EQUIPEMENT: 'Acquérir un équipement',
  NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE: 'Maîtriser les fondamentaux du numérique',
  PREPARER_SA_CANDIDATURE__DEVELOPPER_SON_RESEAU: 'Développer son réseau',
  PREPARER_SA_CANDIDATURE__ORGANISER_SES_DEMARCHES_DE_RECHERCHE_DEMPLOI: 'Organiser ses démarches de recherche d’emploi',
  PREPARER_SA_CANDIDATURE__REALISER_UN_CV_ET_OU_UNE_LETTRE_DE_MOTIVATION: 'Réaliser un CV et/ou une lettre de motivation',
  PREPARER_SA_CANDIDATURE__VALORISER_SES_COMPETENCES: 'Valoriser ses compétences',
  REMOBILISATION__ACTIVITES_SPORTIVES_ET_CULTURELLES: 'Activités sportives et culturelles',
  REMOBILISATION__BENEVOLAT_ACTION_CITOYENNE: 'Bénévolat et action citoyenne',
  REMOBILISATION__BIEN_ETRE_CONFIANCE_EN_SOI: 'Bien-être et confiance en soi',
  REMOBILISATION__LIEN_SOCIAL: 'Lien social',
  SANTE__ACCES_AUX_SOINS: 'Accès aux soins',
  SANTE__ADDICTIONS: 'Addictions',
  SANTE__CONSTITUER_UN_DOSSIER_MDPH_INVALIDITE: 'Constituer un dossier MDPH pour invalidité',
  SANTE__SANTE_MENTALE: 'Santé mentale',
  SANTE__SANTE_SEXUELLE: 'Santé sexuelle',
  SE_FORMER__MONTER_SON_DOSSIER_DE_FORMATION: 'Monter son dossier de formation',
  SE_FORMER__TROUVER_SA_FORMATION: 'Trouver sa formation',
  SOUVRIR_A_LINTERNATIONAL__CONNAITRE_LES_OPPORTUNITES_DEMPLOI_A_LETRANGER: 'Connaître les opportunités d’emploi à l’étranger',
  SOUVRIR_A_LINTERNATIONAL__SINFORMER_SUR_LES_AIDES_POUR_TRAVAILLER_A_LETRANGER: 'S’informer sur les aides pour travailler à l’étranger',
  SOUVRIR_A_LINTERNATIONAL__SORGANISER_SUITE_A_SON_RETOUR_EN_FRANCE: 'S’organiser suite à son retour en France',
  TROUVER_UN_EMPLOI__CONVAINCRE_UN_RECRUTEUR_EN_ENTRETIEN: 'Convaincre un recruteur en entretien',
  TROUVER_UN_EMPLOI__FAIRE_DES_CANDIDATURES_SPONTANEES: 'Faire des candidatures spontanées',
  TROUVER_UN_EMPLOI__MAINTIEN_DANS_LEMPLOI: 'Maintien dans l’emploi',
  TROUVER_UN_EMPLOI__REPONDRE_A_DES_OFFRES_DEMPLOI: 'Répondre à des offres d’emploi',
  TROUVER_UN_EMPLOI__SUIVRE_SES_CANDIDATURES_ET_RELANCER_LES_EMPLOYEURS: 'Suivre ses candidatures et relancer les employeurs',

} as const satisfies Record<ThemeValue, string>;

/** The French label of a thème (GraphQL enum value); our own short label for the health ones. */
export function themeLabel(value: string): string {
  return THEMES.find((t) => t.value === value)?.label ?? (THEME_LABELS as Record<string, string>)[value] ?? value;
}
