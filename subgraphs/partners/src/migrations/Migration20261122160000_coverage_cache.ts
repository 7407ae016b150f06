import { Migration } from '@mikro-orm/migrations';

/**
 * Coverage spends most of its time on one nearest-neighbour probe per commune, yet its answer only
 * changes when listings do. Keep each Département's directory version, bumped by triggers on every
 * write to structures or services (whatever writes them: services, imports, seeds), and cache the
 * nearest distance per (Département, theme, commune) under the version it was computed at.
 */
export class Migration20261122160000_coverage_cache extends Migration {
  override up(): void {
    this.addSql(`create table partners.directory_version (
      department_code text primary key,
      version bigint not null default 0
    )`);
    this.addSql(`create table partners.coverage_nearest (
      department_code text not null,
      theme text not null,
      commune_code text not null,
      version bigint not null,
      nearest_km double precision,
      primary key (department_code, theme, commune_code)
    )`);
    this.addSql(`create function partners.bump_directory_version() returns trigger language plpgsql as $$
      begin
        insert into partners.directory_version (department_code, version)
        select distinct department_code, 1 from changed
        on conflict (department_code) do update set version = partners.directory_version.version + 1;
        return null;
      end $$`);
    // Transition tables allow one event per trigger: three triggers per table.
    for (const table of ['partner', 'service']) {
      this.addSql(`create trigger ${table}_version_insert after insert on partners.${table}
        referencing new table as changed for each statement execute function partners.bump_directory_version()`);
      this.addSql(`create trigger ${table}_version_update after update on partners.${table}
        referencing new table as changed for each statement execute function partners.bump_directory_version()`);
      this.addSql(`create trigger ${table}_version_delete after delete on partners.${table}
        referencing old table as changed for each statement execute function partners.bump_directory_version()`);
    }
  }

  override down(): void {
    for (const table of ['partner', 'service']) {
      for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists ${table}_version_${event} on partners.${table}`);
    }
    this.addSql('drop function if exists partners.bump_directory_version()');
    this.addSql('drop table if exists partners.coverage_nearest, partners.directory_version');
  }
}
