import { Migration } from '@mikro-orm/migrations';

/** Reference geography (INSEE COG) and territories; read-only for the subgraphs. */
export class Migration20261122000000_ref extends Migration {
  override up(): void {
    // Contrib extensions the subgraphs rely on (directory search, distances). Trusted extensions
    // since PostgreSQL 13, so a database owner can create them on a managed server too.
    this.addSql('create extension if not exists unaccent with schema public');
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql('create extension if not exists cube with schema public');
    this.addSql('create extension if not exists earthdistance with schema public');
    this.addSql('create extension if not exists pgcrypto with schema public');

    this.addSql(`create table ref.department (
      code text primary key,
      name text not null,
      region_code text not null,
      chef_lieu_code text not null
    )`);
    this.addSql(`create table ref.epci (
      code text primary key,
      name text not null,
      kind text not null,
      population integer
    )`);
    this.addSql(`create table ref.commune (
      code text primary key,
      name text not null,
      department_code text not null references ref.department (code),
      epci_code text references ref.epci (code),
      population integer,
      latitude double precision,
      longitude double precision
    )`);
    this.addSql('create index commune_department_idx on ref.commune (department_code, code)');
    this.addSql(`create table ref.territory (
      id text primary key,
      department_code text not null references ref.department (code),
      name text not null,
      kind text not null,
      source text not null
    )`);
    this.addSql('create index territory_department_idx on ref.territory (department_code, name)');
    this.addSql(`create table ref.territory_commune (
      department_code text not null,
      territory_id text not null references ref.territory (id) on delete cascade,
      commune_code text not null references ref.commune (code),
      primary key (territory_id, commune_code)
    )`);
    this.addSql('create index territory_commune_commune_idx on ref.territory_commune (department_code, commune_code)');
    this.addSql(`create table ref.dataset (
      name text primary key,
      checksum text not null,
      row_count integer not null,
      loaded_at timestamptz not null default now()
    )`);
  }

  override down(): void {
    this.addSql('drop table if exists ref.dataset, ref.territory_commune, ref.territory, ref.commune, ref.epci, ref.department');
  }
}
