import type { NamedMigration } from '@passerelles/db';
import { Migration20261122040000_funding } from './Migration20261122040000_funding.js';
import { Migration20261122050000_money } from './Migration20261122050000_money.js';
import { Migration20261205210000_closing_figures } from './Migration20261205210000_closing_figures.js';
import { Migration20261206150000_convention_places } from './Migration20261206150000_convention_places.js';

export const fundingMigrations: NamedMigration[] = [
  { name: 'Migration20261122040000_funding', class: Migration20261122040000_funding },
  { name: 'Migration20261122050000_money', class: Migration20261122050000_money },
  { name: 'Migration20261205210000_closing_figures', class: Migration20261205210000_closing_figures },
  { name: 'Migration20261206150000_convention_places', class: Migration20261206150000_convention_places },
];
