import { Migration } from '@mikro-orm/migrations';

/** Access log of nominative reads and writes; append-only (see ARCHITECTURE.md §5). */
export class Migration20261122000200_audit extends Migration {
  override up(): void {
    this.addSql(`create table audit.access_log (
      id bigint generated always as identity primary key,
      department_code text not null,
      at timestamptz not null default now(),
      user_id text not null,
      role text not null,
      operation text not null,
      record_type text not null,
      record_ids text[] not null,
      correlation_id text
    )`);
    this.addSql('create index access_log_department_at_idx on audit.access_log (department_code, at)');
    // Append-only: no row of the log may be changed or removed by the application.
    this.addSql(`create function audit.forbid_change() returns trigger language plpgsql as $$
      begin raise exception 'audit.access_log is append-only'; end $$`);
    this.addSql(`create trigger access_log_append_only before update or delete on audit.access_log
      for each row execute function audit.forbid_change()`);
  }

  override down(): void {
    this.addSql('drop table if exists audit.access_log');
    this.addSql('drop function if exists audit.forbid_change()');
  }
}
