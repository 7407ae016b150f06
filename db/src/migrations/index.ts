import type { NamedMigration } from '../orm.js';
import { Migration20261122000000_ref } from './Migration20261122000000_ref.js';
import { Migration20261122000100_auth } from './Migration20261122000100_auth.js';
import { Migration20261122000200_audit } from './Migration20261122000200_audit.js';
import { Migration20261122050000_auth_login } from './Migration20261122050000_auth_login.js';
import { Migration20261122050100_audit_retention } from './Migration20261122050100_audit_retention.js';
import { Migration20261122070000_auth_invitations } from './Migration20261122070000_auth_invitations.js';

/** The schemas that `db/` owns, with their migrations in order. */
export const dbOwnedSchemas: { schema: string; migrations: NamedMigration[] }[] = [
  { schema: 'ref', migrations: [{ name: 'Migration20261122000000_ref', class: Migration20261122000000_ref }] },
  {
    schema: 'auth',
    migrations: [
      { name: 'Migration20261122000100_auth', class: Migration20261122000100_auth },
      { name: 'Migration20261122050000_auth_login', class: Migration20261122050000_auth_login },
      { name: 'Migration20261122070000_auth_invitations', class: Migration20261122070000_auth_invitations },
    ],
  },
  {
    schema: 'audit',
    migrations: [
      { name: 'Migration20261122000200_audit', class: Migration20261122000200_audit },
      { name: 'Migration20261122050100_audit_retention', class: Migration20261122050100_audit_retention },
    ],
  },
];
