import type { NamedMigration } from '@passerelles/db';
import { Migration20261122010000_partner } from './Migration20261122010000_partner.js';
import { Migration20261122140000_directory } from './Migration20261122140000_directory.js';
import { Migration20261122150000_search_norm } from './Migration20261122150000_search_norm.js';
import { Migration20261122160000_coverage_cache } from './Migration20261122160000_coverage_cache.js';
import { Migration20261201090000_partner_search } from './Migration20261201090000_partner_search.js';

export const partnersMigrations: NamedMigration[] = [
  { name: 'Migration20261122010000_partner', class: Migration20261122010000_partner },
  { name: 'Migration20261122140000_directory', class: Migration20261122140000_directory },
  { name: 'Migration20261122150000_search_norm', class: Migration20261122150000_search_norm },
  { name: 'Migration20261122160000_coverage_cache', class: Migration20261122160000_coverage_cache },
  { name: 'Migration20261201090000_partner_search', class: Migration20261201090000_partner_search },
];
