import type { NamedMigration } from '@passerelles/db';
import { Migration20261122020000_beneficiary } from './Migration20261122020000_beneficiary.js';
import { Migration20261122130000_lifecycle } from './Migration20261122130000_lifecycle.js';
import { Migration20261122140000_indicator_indexes } from './Migration20261122140000_indicator_indexes.js';
import { Migration20261122160000_retention } from './Migration20261122160000_retention.js';
import { Migration20261205100000_path_rules } from './Migration20261205100000_path_rules.js';
import { Migration20261205110000_name_index } from './Migration20261205110000_name_index.js';
import { Migration20261205200000_outbox } from './Migration20261205200000_outbox.js';
import { Migration20261205220000_outbox_backfill } from './Migration20261205220000_outbox_backfill.js';
import { Migration20261206000000_orientation } from './Migration20261206000000_orientation.js';
import { Migration20261206110000_sanctions } from './Migration20261206110000_sanctions.js';
import { Migration20261206120000_france_travail } from './Migration20261206120000_france_travail.js';
import { Migration20261206130000_scale_indexes } from './Migration20261206130000_scale_indexes.js';
import { Migration20261206140000_contract_signature } from './Migration20261206140000_contract_signature.js';
import { Migration20261207090000_publication } from './Migration20261207090000_publication.js';
import { Migration20261208090000_publication_history } from './Migration20261208090000_publication_history.js';
import { Migration20261209090000_publication_statistics } from './Migration20261209090000_publication_statistics.js';
import { Migration20261210090000_covering_indexes } from './Migration20261210090000_covering_indexes.js';

export const beneficiariesMigrations: NamedMigration[] = [
  { name: 'Migration20261122020000_beneficiary', class: Migration20261122020000_beneficiary },
  { name: 'Migration20261122130000_lifecycle', class: Migration20261122130000_lifecycle },
  { name: 'Migration20261122140000_indicator_indexes', class: Migration20261122140000_indicator_indexes },
  { name: 'Migration20261122160000_retention', class: Migration20261122160000_retention },
  { name: 'Migration20261205100000_path_rules', class: Migration20261205100000_path_rules },
  { name: 'Migration20261205110000_name_index', class: Migration20261205110000_name_index },
  { name: 'Migration20261205200000_outbox', class: Migration20261205200000_outbox },
  { name: 'Migration20261205220000_outbox_backfill', class: Migration20261205220000_outbox_backfill },
  { name: 'Migration20261206000000_orientation', class: Migration20261206000000_orientation },
  { name: 'Migration20261206110000_sanctions', class: Migration20261206110000_sanctions },
  { name: 'Migration20261206120000_france_travail', class: Migration20261206120000_france_travail },
  { name: 'Migration20261206130000_scale_indexes', class: Migration20261206130000_scale_indexes },
  { name: 'Migration20261206140000_contract_signature', class: Migration20261206140000_contract_signature },
  { name: 'Migration20261207090000_publication', class: Migration20261207090000_publication },
  { name: 'Migration20261208090000_publication_history', class: Migration20261208090000_publication_history },
  { name: 'Migration20261209090000_publication_statistics', class: Migration20261209090000_publication_statistics },
  { name: 'Migration20261210090000_covering_indexes', class: Migration20261210090000_covering_indexes },
];
