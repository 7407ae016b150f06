import { Migration } from '@mikro-orm/migrations';

/**
 * Invitations an administrator can take back: a resent invitation revokes the one before it (its
 * link stops working), a revoked one can no longer be accepted. The users list reads the latest
 * invitation of each account, hence the index.
 */
export class Migration20261122070000_auth_invitations extends Migration {
  override up(): void {
    this.addSql('alter table auth.invitation add column revoked_at timestamptz');
    this.addSql('create index invitation_user_idx on auth.invitation (user_id, created_at)');
  }

  override down(): void {
    this.addSql('drop index if exists auth.invitation_user_idx');
    this.addSql('alter table auth.invitation drop column revoked_at');
  }
}
