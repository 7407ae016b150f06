// data·inclusion schema v1: extra/*.json (values and French labels), copied unchanged from the GitHub repository
// `gip-inclusion/data-inclusion-schema`, commit `df9ce7f` ("chore: version v1.0.8"), folder `schemas/v1/`
// (via ../shared/data/data-inclusion-schema-v1/). Licence Ouverte 2.0 (Etalab). Do not edit by hand.
export const thematiques = [
  {
    "value": "choisir-un-metier--confirmer-son-choix-de-metier",
    "label": "Confirmer son choix de métier"
  },
  {
    "value": "choisir-un-metier--connaitre-les-opportunites-demploi",
    "label": "Connaître les opportunités d’emploi"
  },
  {
    "value": "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
    "label": "Découvrir un métier ou un secteur d’activité"
  },
  {
    "value": "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
    "label": "Identifier ses points forts et ses compétences"
  },
  {
    "value": "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
    "label": "Définir son projet de création d’entreprise"
  },
  {
    "value": "creer-une-entreprise--developper-son-entreprise",
    "label": "Développer son entreprise"
  },
  {
    "value": "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise",
    "label": "Structurer son projet de création d’entreprise"
  },
  {
    "value": "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
    "label": "Accompagnement aux démarches administratives"
  },
  {
    "value": "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete",
    "label": "Accompagnement pour l’accès à la citoyenneté"
  },
  {
    "value": "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    "label": "Accompagnement pour l’accès aux droits"
  },
  {
    "value": "difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte",
    "label": "Bénéficier d’une mesure d’accompagnement adapté"
  },
  {
    "value": "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination",
    "label": "Connaître ses droits face à une discrimination"
  },
  {
    "value": "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
    "label": "Prendre en compte une problématique judiciaire"
  },
  {
    "value": "difficultes-financieres--acquerir-une-autonomie-budgetaire",
    "label": "Acquérir une autonomie budgétaire"
  },
  {
    "value": "difficultes-financieres--ameliorer-sa-gestion-budgetaire",
    "label": "Améliorer sa gestion budgétaire"
  },
  {
    "value": "difficultes-financieres--mettre-en-place-une-mesure-de-protection-financiere",
    "label": "Mettre en place une mesure de protection financière"
  },
  {
    "value": "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
    "label": "Prévenir une dégradation de la situation financière"
  },
  {
    "value": "difficultes-financieres--situation-dendettement-surendettement",
    "label": "Situation d’endettement ou de surendettement"
  },
  {
    "value": "equipement-et-alimentation--aide-menagere",
    "label": "Aide ménagère"
  },
  {
    "value": "equipement-et-alimentation--alimentation",
    "label": "Alimentation"
  },
  {
    "value": "equipement-et-alimentation--electromenager",
    "label": "Électroménager"
  },
  {
    "value": "equipement-et-alimentation--habillement",
    "label": "Habillement"
  },
  {
    "value": "famille--garde-denfants",
    "label": "Garde d’enfants"
  },
  {
    "value": "famille--prise-en-charge-personne-dependante",
    "label": "Prise en charge d’une personne dépendante"
  },
  {
    "value": "famille--soutien-a-la-parentalite-et-a-leducation",
    "label": "Soutien à la parentalité et à l’éducation"
  },
  {
    "value": "famille--soutien-aidants",
    "label": "Soutien aux aidants"
  },
  {
    "value": "famille--surmonter-conflits-separation-violence",
    "label": "Surmonter les conflits liés à la séparation ou à la violence"
  },
  {
    "value": "lecture-ecriture-calcul--maitriser-le-calcul",
    "label": "Maîtriser le calcul"
  },
  {
    "value": "lecture-ecriture-calcul--maitriser-le-francais",
    "label": "Maîtriser le français"
  },
  {
    "value": "logement-hebergement--acheter-un-logement",
    "label": "Acheter un logement"
  },
  {
    "value": "logement-hebergement--changer-de-logement",
    "label": "Changer de logement"
  },
  {
    "value": "logement-hebergement--louer-un-logement",
    "label": "Louer un logement"
  },
  {
    "value": "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
    "label": "Rechercher une solution d’hébergement temporaire"
  },
  {
    "value": "logement-hebergement--reduire-les-impayes-de-loyer",
    "label": "Réduire les impayés de loyer"
  },
  {
    "value": "logement-hebergement--se-maintenir-dans-le-logement",
    "label": "Se maintenir dans le logement"
  },
  {
    "value": "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
    "label": "S’informer sur les démarches liées à l’accès au logement"
  },
  {
    "value": "mobilite--acceder-a-un-vehicule",
    "label": "Accéder à un véhicule"
  },
  {
    "value": "mobilite--entretenir-reparer-son-vehicule",
    "label": "Entretenir et réparer son véhicule"
  },
  {
    "value": "mobilite--etre-accompagne-dans-son-parcours-mobilite",
    "label": "Être accompagné dans son parcours mobilité"
  },
  {
    "value": "mobilite--financer-ma-mobilite",
    "label": "Financer ma mobilité"
  },
  {
    "value": "mobilite--mobilite-douce-partagee-collective",
    "label": "Utiliser des services de mobilité douce, partagée ou collective"
  },
  {
    "value": "mobilite--preparer-un-permis",
    "label": "Préparer un permis"
  },
  {
    "value": "numerique--acceder-a-des-services-en-ligne",
    "label": "Accéder à des services en ligne"
  },
  {
    "value": "numerique--acceder-a-une-connexion-internet",
    "label": "Accéder à une connexion Internet"
  },
  {
    "value": "numerique--acquerir-un-equipement",
    "label": "Acquérir un équipement"
  },
  {
    "value": "numerique--maitriser-les-fondamentaux-du-numerique",
    "label": "Maîtriser les fondamentaux du numérique"
  },
  {
    "value": "preparer-sa-candidature--developper-son-reseau",
    "label": "Développer son réseau"
  },
  {
    "value": "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    "label": "Organiser ses démarches de recherche d’emploi"
  },
  {
    "value": "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
    "label": "Réaliser un CV et/ou une lettre de motivation"
  },
  {
    "value": "preparer-sa-candidature--valoriser-ses-competences",
    "label": "Valoriser ses compétences"
  },
  {
    "value": "remobilisation--activites-sportives-et-culturelles",
    "label": "Activités sportives et culturelles"
  },
  {
    "value": "remobilisation--benevolat-action-citoyenne",
    "label": "Bénévolat et action citoyenne"
  },
  {
    "value": "remobilisation--bien-etre-confiance-en-soi",
    "label": "Bien-être et confiance en soi"
  },
  {
    "value": "remobilisation--lien-social",
    "label": "Lien social"
  },
  {
    "value": "sante--acces-aux-soins",
    "label": "Accès aux soins"
  },
  {
    "value": "sante--addictions",
    "label": "Addictions"
  },
  {
    "value": "sante--constituer-un-dossier-mdph-invalidite",
    "label": "Constituer un dossier MDPH pour invalidité"
  },
  {
    "value": "sante--sante-mentale",
    "label": "Santé mentale"
  },
  {
    "value": "sante--sante-sexuelle",
    "label": "Santé sexuelle"
  },
  {
    "value": "se-former--monter-son-dossier-de-formation",
    "label": "Monter son dossier de formation"
  },
  {
    "value": "se-former--trouver-sa-formation",
    "label": "Trouver sa formation"
  },
  {
    "value": "souvrir-a-linternational--connaitre-les-opportunites-demploi-a-letranger",
    "label": "Connaître les opportunités d’emploi à l’étranger"
  },
  {
    "value": "souvrir-a-linternational--sinformer-sur-les-aides-pour-travailler-a-letranger",
    "label": "S’informer sur les aides pour travailler à l’étranger"
  },
  {
    "value": "souvrir-a-linternational--sorganiser-suite-a-son-retour-en-france",
    "label": "S’organiser suite à son retour en France"
  },
  {
    "value": "trouver-un-emploi--convaincre-un-recruteur-en-entretien",
    "label": "Convaincre un recruteur en entretien"
  },
  {
    "value": "trouver-un-emploi--faire-des-candidatures-spontanees",
    "label": "Faire des candidatures spontanées"
  },
  {
    "value": "trouver-un-emploi--maintien-dans-lemploi",
    "label": "Maintien dans l’emploi"
  },
  {
    "value": "trouver-un-emploi--repondre-a-des-offres-demploi",
    "label": "Répondre à des offres d’emploi"
  },
  {
    "value": "trouver-un-emploi--suivre-ses-candidatures-et-relancer-les-employeurs",
    "label": "Suivre ses candidatures et relancer les employeurs"
  }
] as const;
export const typesDeServices = [
  {
    "value": "accompagnement",
    "label": "Accompagnement"
  },
  {
    "value": "aide-financiere",
    "label": "Aide financière"
  },
  {
    "value": "aide-materielle",
    "label": "Aide materielle"
  },
  {
    "value": "atelier",
    "label": "Atelier"
  },
  {
    "value": "formation",
    "label": "Formation"
  },
  {
    "value": "information",
    "label": "Information"
  }
] as const;
export const publics = [
  {
    "value": "actifs",
    "label": "Actifs"
  },
  {
    "value": "beneficiaires-des-minimas-sociaux",
    "label": "Bénéficiaires des minimas sociaux"
  },
  {
    "value": "demandeurs-emploi",
    "label": "Demandeurs d’emploi"
  },
  {
    "value": "etudiants",
    "label": "Étudiants"
  },
  {
    "value": "familles",
    "label": "Familles"
  },
  {
    "value": "femmes",
    "label": "Femmes"
  },
  {
    "value": "jeunes",
    "label": "Jeunes"
  },
  {
    "value": "personnes-en-situation-de-handicap",
    "label": "Personnes en situation de handicap"
  },
  {
    "value": "personnes-en-situation-durgence",
    "label": "Personnes en situation d’urgence"
  },
  {
    "value": "personnes-en-situation-juridique-specifique",
    "label": "Personnes en situation juridique spécifique"
  },
  {
    "value": "personnes-exilees",
    "label": "Personnes exilées"
  },
  {
    "value": "residents-qpv-frr",
    "label": "Résidents en QPV ou FRR"
  },
  {
    "value": "seniors",
    "label": "Séniors"
  },
  {
    "value": "tous-publics",
    "label": "Tous publics"
  }
] as const;
export const frais = [
  {
    "value": "gratuit",
    "label": "Gratuit"
  },
  {
    "value": "payant",
    "label": "Payant"
  }
] as const;
export const modesAccueil = [
  {
    "value": "a-distance",
    "label": "À distance"
  },
  {
    "value": "en-presentiel",
    "label": "En présentiel"
  }
] as const;
export const modesMobilisation = [
  {
    "value": "envoyer-un-courriel",
    "label": "Envoyer un courriel"
  },
  {
    "value": "se-presenter",
    "label": "Se présenter"
  },
  {
    "value": "telephoner",
    "label": "Téléphoner"
  },
  {
    "value": "utiliser-lien-mobilisation",
    "label": "Utiliser le lien de mobilisation"
  }
] as const;
export const personnesMobilisatrices = [
  {
    "value": "professionnels",
    "label": "Professionnels"
  },
  {
    "value": "usagers",
    "label": "Usagers"
  }
] as const;
export const reseauxPorteurs = [
  {
    "value": "60000-rebonds",
    "label": "60 000 Rebonds"
  },
  {
    "value": "aci",
    "label": "Structures d’Insertion par l’Activité Économique - Ateliers et Chantiers d’Insertion"
  },
  {
    "value": "action-logement",
    "label": "Action Logement"
  },
  {
    "value": "adie",
    "label": "Association pour le Droit à l’Initiative Économique"
  },
  {
    "value": "afpa",
    "label": "Agence Nationale pour la Formation Professionnelle des Adultes"
  },
  {
    "value": "agefiph",
    "label": "Agefiph"
  },
  {
    "value": "ai",
    "label": "Associations Intermédiaires"
  },
  {
    "value": "aidants-connect",
    "label": "Aidants Connect"
  },
  {
    "value": "alliance-villes-emploi",
    "label": "Alliance Villes Emploi"
  },
  {
    "value": "anlci",
    "label": "Agence Nationale de Lutte Contre l’Illettrisme"
  },
  {
    "value": "apprentis-dauteuil",
    "label": "Apprentis d’Auteuil"
  },
  {
    "value": "ase",
    "label": "Aide Sociale à l’Enfance"
  },
  {
    "value": "banques-alimentaires",
    "label": "Banques Alimentaires"
  },
  {
    "value": "caarud",
    "label": "Centres d’Accueil et d’Accompagnement à la Réduction de Risques pour Usagers de Drogues"
  },
  {
    "value": "cada",
    "label": "Centres d’Accueil de Demandeurs d’Asile"
  },
  {
    "value": "caf",
    "label": "Caisse d’Allocations Familiales"
  },
  {
    "value": "campus-connecte",
    "label": "Campus Connecté"
  },
  {
    "value": "cap-emploi-reseau-cheops",
    "label": "CAP Emploi - Réseau CHEOPS"
  },
  {
    "value": "cava",
    "label": "Centres d’Adaptation à la Vie Active"
  },
  {
    "value": "ccas-cias",
    "label": "Les Centres Communaux d’Action Sociale et les Centres Intercommunaux d’Action Sociale"
  },
  {
    "value": "chambres-consulaires",
    "label": "Chambres Consulaires"
  },
  {
    "value": "chantier-ecole",
    "label": "Réseau Chantier École"
  },
  {
    "value": "chrs",
    "label": "Centres d’Hébergement et de Réinsertion Sociale"
  },
  {
    "value": "chu",
    "label": "Centres d’Hébergement d’Urgence"
  },
  {
    "value": "cidff",
    "label": "Centres d’Information sur les Droits des Femmes et des Familles"
  },
  {
    "value": "cmp",
    "label": "Centres Médico-Psychologiques"
  },
  {
    "value": "cms",
    "label": "Centres Médico-Sociaux"
  },
  {
    "value": "cnam",
    "label": "Conservatoire National des Arts et Métiers"
  },
  {
    "value": "collectif-emploi",
    "label": "Collectif Emploi"
  },
  {
    "value": "communes",
    "label": "Communes, mairies, communautés de communes, etc."
  },
  {
    "value": "conseillers-numeriques",
    "label": "Conseillers Numériques"
  },
  {
    "value": "coorace",
    "label": "Fédération COORACE"
  },
  {
    "value": "cpam",
    "label": "Caisses Primaires d’Assurance Maladie"
  },
  {
    "value": "cph",
    "label": "Centres Provisoires d’Hébergement"
  },
  {
    "value": "creches-avip",
    "label": "Crèches à Vocation d’Insertion Professionnelle"
  },
  {
    "value": "crepi",
    "label": "CREPI"
  },
  {
    "value": "cresus",
    "label": "Fédération Française des Associations CRÉSUS"
  },
  {
    "value": "croix-rouge",
    "label": "Croix-Rouge"
  },
  {
    "value": "csapa",
    "label": "Centres de Soins, d’Accompagnement et de Prévention en Addictologie"
  },
  {
    "value": "delegataire-conseil-departemental",
    "label": "Organisation délégataire d’un Conseil Départemental"
  },
  {
    "value": "departements",
    "label": "Départements et Services Départementaux"
  },
  {
    "value": "duo-for-a-job",
    "label": "DUO for a JOB"
  },
  {
    "value": "ea",
    "label": "Entreprises Adaptées"
  },
  {
    "value": "eatt",
    "label": "Entreprises Adaptées de Travail Temporaire"
  },
  {
    "value": "ecoles-de-la-deuxieme-chance",
    "label": "Écoles de la 2ᵉ Chance"
  },
  {
    "value": "egee",
    "label": "Association EGEE"
  },
  {
    "value": "ei",
    "label": "Structures d’Insertion par l’Activité Économique - Entreprises d’Insertion"
  },
  {
    "value": "eiti",
    "label": "Structures d’Insertion par l’Activité Économique - Entreprises d’Insertion par le Travail Indépendant"
  },
  {
    "value": "emmaus",
    "label": "Emmaüs"
  },
  {
    "value": "epide",
    "label": "EPIDE"
  },
  {
    "value": "esat",
    "label": "Établissement et Service d’Accompagnement par le Travail"
  },
  {
    "value": "espaces-publics-numeriques",
    "label": "Espaces Publics Numériques"
  },
  {
    "value": "etcld",
    "label": "Expérimentation Territoriale contre le Chômage de Longue Durée"
  },
  {
    "value": "etti",
    "label": "Structures d’Insertion par l’Activité Économique - Entreprises de Travail Temporaire d’Insertion"
  },
  {
    "value": "fabrique-de-territoire",
    "label": "Fabrique de Territoire"
  },
  {
    "value": "face",
    "label": "Fondation FACE"
  },
  {
    "value": "fcsf",
    "label": "Fédération des Centres Sociaux et Socioculturels de France"
  },
  {
    "value": "federation-des-acteurs-de-la-solidarite",
    "label": "Fédération des Acteurs de la Solidarité"
  },
  {
    "value": "federation-professionnelle-femmes",
    "label": "Fédération Professionnelle pour les Femmes"
  },
  {
    "value": "france-active",
    "label": "France Active"
  },
  {
    "value": "france-service",
    "label": "France Service"
  },
  {
    "value": "france-travail",
    "label": "France Travail"
  },
  {
    "value": "french-tech",
    "label": "French Tech"
  },
  {
    "value": "geiq",
    "label": "GEIQ"
  },
  {
    "value": "grandes-ecoles-du-numerique",
    "label": "Grandes Écoles du Numérique"
  },
  {
    "value": "huda",
    "label": "Hébergement d’Urgence pour Demandeurs d’Asile"
  },
  {
    "value": "hup",
    "label": "Association H’UP"
  },
  {
    "value": "inae",
    "label": "INAÉ Nouvelle Aquitaine"
  },
  {
    "value": "initiative-france",
    "label": "Initiative France"
  },
  {
    "value": "konexio",
    "label": "Association Konexio"
  },
  {
    "value": "la-cravate-solidaire",
    "label": "La Cravate Solidaire"
  },
  {
    "value": "la-poste",
    "label": "La Poste"
  },
  {
    "value": "les-premieres",
    "label": "Les Premières"
  },
  {
    "value": "maison-departementale-de-lautonomie",
    "label": "Maisons Départementales de l’Autonomie"
  },
  {
    "value": "maisons-de-l-emploi",
    "label": "Maisons de l’Emploi"
  },
  {
    "value": "maisons-des-solidarites",
    "label": "Maisons Départementales des Solidarités (MDS)"
  },
  {
    "value": "mdph",
    "label": "Maisons Départementales pour les Personnes Handicapées (MDPH)"
  },
  {
    "value": "mission-locale",
    "label": "Mission Locale"
  },
  {
    "value": "mjc",
    "label": "Maisons des Jeunes et de la Culture"
  },
  {
    "value": "mobin",
    "label": "Mob’In"
  },
  {
    "value": "msap",
    "label": "Maisons de Services Au Public"
  },
  {
    "value": "mutualite-sociale-agricole",
    "label": "Mutualité Sociale Agricole"
  },
  {
    "value": "nqt",
    "label": "Association NQT"
  },
  {
    "value": "pimms-mediation",
    "label": "Point Information Médiation Multi Services"
  },
  {
    "value": "pjj",
    "label": "Protection Judiciaire de la Jeunesse"
  },
  {
    "value": "plie",
    "label": "Plans Locaux pour l’Insertion et l’Emploi"
  },
  {
    "value": "points-conseil-budget",
    "label": "Points Conseil Budget"
  },
  {
    "value": "points-justice",
    "label": "Points Justice"
  },
  {
    "value": "positive-planet",
    "label": "Positive Planet"
  },
  {
    "value": "regions",
    "label": "Régions, Préfectures et services régionaux"
  },
  {
    "value": "reseau-app",
    "label": "Réseau APP"
  },
  {
    "value": "reseau-bge",
    "label": "Réseau BGE"
  },
  {
    "value": "reseau-entreprendre",
    "label": "Réseau Entreprendre"
  },
  {
    "value": "reseau-information-jeunesse",
    "label": "Réseau Information Jeunesse"
  },
  {
    "value": "residences-fjt",
    "label": "Résidences - Foyers Jeunes Travailleurs"
  },
  {
    "value": "ressourceries",
    "label": "Ressourceries"
  },
  {
    "value": "restos-du-coeur",
    "label": "Restos du Coeur"
  },
  {
    "value": "secours-populaire",
    "label": "Secours Populaire"
  },
  {
    "value": "siao",
    "label": "Services Intégrés d’Accueil et d’Orientation"
  },
  {
    "value": "simplon",
    "label": "Simplon"
  },
  {
    "value": "singa",
    "label": "Association SINGA"
  },
  {
    "value": "snc",
    "label": "Solidarité Nouvelle Face au Chômage"
  },
  {
    "value": "spip",
    "label": "Services Pénitentiaires d’Insertion et de Probation"
  },
  {
    "value": "tous-tes-possibles",
    "label": "Tous Tes Possibles"
  },
  {
    "value": "unaf",
    "label": "Union Nationale de l’Aide aux Familles"
  },
  {
    "value": "unea",
    "label": "Union Nationale des Entreprises Adaptées"
  },
  {
    "value": "unis-cite",
    "label": "UnisCité"
  },
  {
    "value": "wimoov",
    "label": "Wimoov"
  }
] as const;
