import { Migration } from '@mikro-orm/migrations';

/**
 * The access log stays append-only for the application, except for the retention job: it may
 * delete lines older than the retention period, and only inside a transaction that declares
 * itself with `set local passerelles.audit_retention = 'on'`.
 */
export class Migration20261122050100_audit_retention extends Migration {
  override up(): void {
    this.addSql(`create or replace function audit.forbid_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('passerelles.audit_retention', true) = 'on'
           and old.at < now() - coalesce(nullif(current_setting('passerelles.audit_retention_days', true), '')::int, 365) * interval '1 day' then
          return old;
        end if;
        raise exception 'audit.access_log is append-only';
      end $$`);
  }

  override down(): void {
    this.addSql(`create or replace function audit.forbid_change() returns trigger language plpgsql as $$
      begin raise exception 'audit.access_log is append-only'; end $$`);
  }
}
