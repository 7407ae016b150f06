import type { NamedMigration } from '@passerelles/db';
import { Migration20261122040000_funding } from './Migration20261122040000_funding.js';

export const fundingMigrations: NamedMigration[] = [
  { name: 'Migration20261122040000_funding', class: Migration20261122040000_funding },
];
