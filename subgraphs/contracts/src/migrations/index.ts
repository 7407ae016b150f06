import type { NamedMigration } from '@passerelles/db';
import { Migration20261122030000_convention } from './Migration20261122030000_convention.js';
import { Migration20261122050000_engagement } from './Migration20261122050000_engagement.js';
import { Migration20261205200000_closed_accompaniment } from './Migration20261205200000_closed_accompaniment.js';
import { Migration20261206100000_contrat_engagement } from './Migration20261206100000_contrat_engagement.js';
import { Migration20261206140000_outbox } from './Migration20261206140000_outbox.js';
import { Migration20261206150000_convention_places } from './Migration20261206150000_convention_places.js';

export const contractsMigrations: NamedMigration[] = [
  { name: 'Migration20261122030000_convention', class: Migration20261122030000_convention },
  { name: 'Migration20261122050000_engagement', class: Migration20261122050000_engagement },
  { name: 'Migration20261205200000_closed_accompaniment', class: Migration20261205200000_closed_accompaniment },
  { name: 'Migration20261206100000_contrat_engagement', class: Migration20261206100000_contrat_engagement },
  { name: 'Migration20261206140000_outbox', class: Migration20261206140000_outbox },
  { name: 'Migration20261206150000_convention_places', class: Migration20261206150000_convention_places },
];
