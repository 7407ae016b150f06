import type { NamedMigration } from '@passerelles/db';
import { Migration20261122020000_beneficiary } from './Migration20261122020000_beneficiary.js';

export const beneficiariesMigrations: NamedMigration[] = [
  { name: 'Migration20261122020000_beneficiary', class: Migration20261122020000_beneficiary },
];
