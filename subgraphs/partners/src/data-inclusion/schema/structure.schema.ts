// data·inclusion schema v1: structure.json, copied unchanged from the GitHub repository
// `gip-inclusion/data-inclusion-schema`, commit `df9ce7f` ("chore: version v1.0.8"), folder `schemas/v1/`
// (via ../shared/data/data-inclusion-schema-v1/). Licence Ouverte 2.0 (Etalab). Do not edit by hand.
export const structureSchema = {
  "$defs": {
    "ReseauPorteur": {
      "description": "Réseaux porteurs",
      "enum": [
        "60000-rebonds",
        "action-logement",
        "adie",
        "afpa",
        "agefiph",
        "ai",
        "aidants-connect",
        "alliance-villes-emploi",
        "anlci",
        "apprentis-dauteuil",
        "ase",
        "banques-alimentaires",
        "caarud",
        "cada",
        "caf",
        "campus-connecte",
        "cap-emploi-reseau-cheops",
        "cava",
        "ccas-cias",
        "chambres-consulaires",
        "chantier-ecole",
        "chrs",
        "chu",
        "cidff",
        "cmp",
        "cms",
        "cnam",
        "collectif-emploi",
        "communes",
        "coorace",
        "conseillers-numeriques",
        "cpam",
        "cph",
        "creches-avip",
        "crepi",
        "cresus",
        "croix-rouge",
        "csapa",
        "delegataire-conseil-departemental",
        "departements",
        "duo-for-a-job",
        "ecoles-de-la-deuxieme-chance",
        "ea",
        "eatt",
        "egee",
        "emmaus",
        "epide",
        "esat",
        "espaces-publics-numeriques",
        "etcld",
        "fabrique-de-territoire",
        "face",
        "fcsf",
        "federation-professionnelle-femmes",
        "federation-des-acteurs-de-la-solidarite",
        "france-active",
        "france-service",
        "france-travail",
        "french-tech",
        "geiq",
        "grandes-ecoles-du-numerique",
        "huda",
        "hup",
        "inae",
        "initiative-france",
        "konexio",
        "la-cravate-solidaire",
        "la-poste",
        "les-premieres",
        "maisons-de-l-emploi",
        "maison-departementale-de-lautonomie",
        "maisons-des-solidarites",
        "mdph",
        "mission-locale",
        "mjc",
        "mobin",
        "msap",
        "mutualite-sociale-agricole",
        "nqt",
        "pimms-mediation",
        "pjj",
        "plie",
        "points-conseil-budget",
        "points-justice",
        "positive-planet",
        "regions",
        "reseau-app",
        "reseau-bge",
        "reseau-entreprendre",
        "reseau-information-jeunesse",
        "residences-fjt",
        "ressourceries",
        "restos-du-coeur",
        "secours-populaire",
        "ei",
        "aci",
        "etti",
        "eiti",
        "siao",
        "simplon",
        "singa",
        "snc",
        "spip",
        "tous-tes-possibles",
        "unaf",
        "unea",
        "unis-cite",
        "wimoov"
      ],
      "title": "ReseauPorteur",
      "type": "string"
    }
  },
  "properties": {
    "accessibilite_lieu": {
      "anyOf": [
        {
          "format": "uri",
          "maxLength": 2083,
          "minLength": 1,
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "description": "Lien vers la page Accesslibre référençant le niveau d’accessibilité de la structure.\n\nLe format attendu est donc un lien vers [Accesslibre](https://acceslibre.beta.gouv.fr/).",
      "examples": [
        "https://acceslibre.beta.gouv.fr/app/17-la-greve-sur-mignon/a/mairie/erp/mairie-la-greve-sur-mignon/"
      ],
      "title": "Accessibilité du lieu"
    },
    "adresse": {
      "anyOf": [
        {
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "title": "Adresse"
    },
    "code_insee": {
      "anyOf": [
        {
          "maxLength": 5,
          "minLength": 5,
          "pattern": "^\\w{5}$",
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "title": "Code Insee"
    },
    "code_postal": {
      "anyOf": [
        {
          "maxLength": 5,
          "minLength": 5,
          "pattern": "^\\d{5}$",
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "title": "Code Postal"
    },
    "commune": {
      "anyOf": [
        {
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "title": "Commune"
    },
    "complement_adresse": {
      "anyOf": [
        {
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "title": "Complement Adresse"
    },
    "courriel": {
      "anyOf": [
        {
          "format": "email",
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "description": "Courriel à utiliser pour obtenir des informations complémentaires sur la structure.\n\nDoit suivre le format de la RFC 5322.",
      "examples": [
        "exemple@inclusion.gouv.fr"
      ],
      "title": "Courriel"
    },
    "date_maj": {
      "description": "Date de dernière modification de la structure chez le producteur de données.",
      "examples": [
        "2025-02-14"
      ],
      "format": "date",
      "title": "Date de dernière modification",
      "type": "string"
    },
    "description": {
      "anyOf": [
        {
          "maxLength": 10000,
          "minLength": 5,
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "description": "Description de la structure.",
      "examples": [
        "L’association 3027 offre un accès gratuit aux arts, à la culture et au sport pour toutes et tous sans distinction et en priorité aux personnes en situation de précarité et d’isolement."
      ],
      "title": "Description"
    },
    "horaires_accueil": {
      "anyOf": [
        {
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "description": "Horaires d’accueil du public par la structure.\n\nUn service peut avoir un horaire d’accueil différent. Se référer aux horaires des services.\n\nDoit être au format [OpenStreetMap Opening Hours](https://wiki.openstreetmap.org/wiki/FR:Key:opening_hours).\n\n[Outil d’aide à la saisie](https://projets.pavie.info/yohours/).",
      "examples": [
        "Mo-Fr 08:30-12:30; PH off"
      ],
      "title": "Horaires d’accueil du public"
    },
    "id": {
      "description": "Identifiant unique de la structure, obtenu par une combinaison de l’identifiant producteur et de l’identifiant de la structure (fourni par le producteur).",
      "examples": [
        "emplois-de-linclusion--17",
        "france-travail--ccas-provence-alpes-cote-dazur-2024-01-01",
        "dora--AidantsConnect:2024-47BXY"
      ],
      "title": "Id",
      "type": "string"
    },
    "latitude": {
      "anyOf": [
        {
          "type": "number"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "title": "Latitude"
    },
    "lien_source": {
      "anyOf": [
        {
          "format": "uri",
          "maxLength": 2083,
          "minLength": 1,
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "description": "Lien pour accéder à la structure sur le site web du producteur.",
      "examples": [
        "https://dora.inclusion.beta.gouv.fr/structures/ass-pour-droit-a-l-i-nhes"
      ],
      "title": "Lien Source"
    },
    "longitude": {
      "anyOf": [
        {
          "type": "number"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "title": "Longitude"
    },
    "nom": {
      "description": "Nom de la structure.\n\nChaîne de caractères entre 3 et 150 caractères, ne se terminant pas par un point.",
      "examples": [
        "Centre social Le Tournesol"
      ],
      "maxLength": 150,
      "minLength": 3,
      "title": "Nom",
      "type": "string"
    },
    "reseaux_porteurs": {
      "anyOf": [
        {
          "items": {
            "$ref": "#/$defs/ReseauPorteur"
          },
          "type": "array",
          "uniqueItems": true
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "description": "Réseaux, organisations ou administrations portant la structure.",
      "examples": [
        [
          "mission-locale"
        ]
      ],
      "title": "Réseaux porteurs"
    },
    "siret": {
      "anyOf": [
        {
          "maxLength": 14,
          "minLength": 14,
          "pattern": "^\\d{14}$",
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "description": "Un numéro SIRET associé à la structure.\n\nLorsque la structure correspond à un établissement dans la base sirene, le numéro SIRET doit être celui de cet établissement.\n\nSi la structure ne correspond pas strictement à un établissement de la base sirene, le numéro SIRET du siège social peut être utilisé.\n\ndata·inclusion vérifie régulièrement la validité des numéros SIRET fournis. Les SIRETs inconnus sont retirés. Lorsque l’établissement associé à un SIRET a fait l’objet d’une succession (d’après la base sirene), data·inclusion remplace ce SIRET par celui de l’établissement successeur. Lorsque l’établissement associé est déclaré fermé et sans successeur, data·inclusion retire la structure.",
      "examples": [
        "13003013300016"
      ],
      "title": "Numéro SIRET"
    },
    "site_web": {
      "anyOf": [
        {
          "format": "uri",
          "maxLength": 2083,
          "minLength": 1,
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "title": "Site Web"
    },
    "source": {
      "description": "Identifiant du producteur original de la donnée.",
      "examples": [
        "emplois-de-linclusion",
        "france-travail",
        "dora"
      ],
      "title": "Source",
      "type": "string"
    },
    "telephone": {
      "anyOf": [
        {
          "type": "string"
        },
        {
          "type": "null"
        }
      ],
      "default": null,
      "description": "Numéro de téléphone à utiliser pour obtenir des informations complémentaires sur la structure.\n\nChaîne de caractères contenant un seul numéro de téléphone, de préfèrence au format E.164.",
      "examples": [
        "+33123456789"
      ],
      "title": "Téléphone"
    }
  },
  "required": [
    "source",
    "id",
    "nom",
    "date_maj"
  ],
  "title": "Structure",
  "type": "object"
} as const;
