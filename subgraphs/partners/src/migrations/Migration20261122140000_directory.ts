import { Migration } from '@mikro-orm/migrations';

/**
 * The directory: structures with their data·inclusion fields, services with capacity and
 * eligibility zones, permanences; French full-text and trigram search; distance on coordinates.
 */
export class Migration20261122140000_directory extends Migration {
  override up(): void {
    // unaccent() is only STABLE (its dictionary could change); indexes and generated columns need
    // an IMMUTABLE wrapper that names the dictionary explicitly.
    this.addSql(`create or replace function partners.f_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`);

    this.addSql(`alter table partners.partner
      add column source text not null default 'passerelles',
      add column source_id text,
      add column siret text,
      add column description text,
      add column address text,
      add column address_complement text,
      add column postal_code text,
      add column commune_name text,
      add column latitude double precision,
      add column longitude double precision,
      add column phone text,
      add column email text,
      add column website text,
      add column source_link text,
      add column opening_hours text,
      add column accessibility_url text,
      add column step_free_access boolean,
      add column sign_language boolean not null default false,
      add column languages text[] not null default '{}',
      add column networks text[],
      add column listing_updated_on date not null default current_date,
      add column archived_at timestamptz`);
    this.addSql('create unique index partner_source_idx on partners.partner (department_code, source, source_id)');
    this.addSql('create index partner_department_freshness_idx on partners.partner (department_code, listing_updated_on) where archived_at is null');

    this.addSql(`create table partners.service (
      id uuid primary key,
      department_code text not null,
      partner_id uuid not null references partners.partner (id),
      source text not null default 'passerelles',
      source_id text,
      name text not null,
      description text not null default '',
      type text,
      themes text[] not null default '{}',
      fee text,
      fee_details text,
      publics text[],
      publics_details text,
      access_conditions text,
      reception_modes text[],
      mobilisation_modes text[],
      mobilisable_by text[],
      mobilisation_details text,
      mobilisation_link text,
      eligibility_zone text[],
      weekly_hours double precision,
      weeks integer,
      address text,
      address_complement text,
      postal_code text,
      commune_name text,
      commune_code text,
      latitude double precision,
      longitude double precision,
      phone text,
      email text,
      contact_name text,
      opening_hours text,
      source_link text,
      -- Where the service is, for distances: its own point, else its structure's, else the centroid of its commune.
      geo_latitude double precision,
      geo_longitude double precision,
      -- Minutes of a week (0 = Monday 00:00, Europe/Paris) when it is open, from its effective hours.
      open_week int4multirange,
      capacity_fte numeric(6, 2),
      capacity_places integer,
      capacity_waiting_days integer,
      capacity_updated_at timestamptz,
      search_text text not null default '',
      search_vector tsvector generated always as (to_tsvector('french', partners.f_unaccent(search_text))) stored,
      listing_updated_on date not null default current_date,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql('create unique index service_source_idx on partners.service (department_code, source, source_id)');
    this.addSql('create index service_department_partner_idx on partners.service (department_code, partner_id)');
    this.addSql('create index service_department_name_idx on partners.service (department_code, name, id)');
    this.addSql('create index service_search_idx on partners.service using gin (search_vector)');
    this.addSql('create index service_trigram_idx on partners.service using gin (partners.f_unaccent(lower(search_text)) gin_trgm_ops)');
    this.addSql('create index service_themes_idx on partners.service using gin (themes)');
    this.addSql(
      'create index service_location_idx on partners.service using gist (public.ll_to_earth(geo_latitude, geo_longitude)) where geo_latitude is not null and archived_at is null',
    );

    this.addSql(`create table partners.permanence (
      id uuid primary key,
      department_code text not null,
      service_id uuid not null references partners.service (id),
      place_name text not null,
      address text,
      commune_code text not null,
      opening_hours text not null,
      notes text,
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index permanence_department_service_idx on partners.permanence (department_code, service_id)');
  }

  override down(): void {
    this.addSql('drop table if exists partners.permanence, partners.service');
    this.addSql(`alter table partners.partner
      drop column source, drop column source_id, drop column siret, drop column description, drop column address,
      drop column address_complement, drop column postal_code, drop column commune_name, drop column latitude,
      drop column longitude, drop column phone, drop column email, drop column website, drop column source_link,
      drop column opening_hours, drop column accessibility_url, drop column step_free_access, drop column sign_language,
      drop column languages, drop column networks, drop column listing_updated_on, drop column archived_at`);
    this.addSql('drop function if exists partners.f_unaccent(text)');
  }
}
