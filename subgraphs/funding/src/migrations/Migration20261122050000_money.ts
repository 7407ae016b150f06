import { Migration } from '@mikro-orm/migrations';

/**
 * Calls for projects and their sessions, co-funding shares, the funding terms of a convention
 * (advance share and balance rule), payments and final reports. Every amount is integer cents.
 */
export class Migration20261122050000_money extends Migration {
  override up(): void {
    this.addSql(`create table funding.call_for_projects (
      id uuid primary key,
      department_code text not null,
      programme_id uuid not null references funding.programme (id),
      name text not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index call_for_projects_department_idx on funding.call_for_projects (department_code, programme_id)');
    this.addSql(`create table funding.call_session (
      id uuid primary key,
      department_code text not null,
      call_id uuid not null references funding.call_for_projects (id) on delete cascade,
      opens_on date not null,
      closes_on date not null,
      uncovered_zones_only boolean not null default false,
      check (closes_on >= opens_on)
    )`);
    this.addSql('create index call_session_call_idx on funding.call_session (department_code, call_id, opens_on)');
    this.addSql(`create table funding.cofunding_share (
      department_code text not null,
      commitment_id uuid not null references funding.funding_commitment (id) on delete cascade,
      funder text not null check (funder in ('DEPARTMENT', 'FSE_REACT_EU', 'ARS', 'CPAM', 'STATE', 'OTHER')),
      amount_cents bigint not null check (amount_cents >= 0),
      primary key (commitment_id, funder)
    )`);
    this.addSql('create index cofunding_share_department_idx on funding.cofunding_share (department_code, funder)');
    this.addSql(`create table funding.funding_terms (
      convention_id uuid primary key,
      department_code text not null,
      advance_percent smallint not null default 50 check (advance_percent between 0 and 100),
      balance_rule text not null default 'FULL' check (balance_rule in ('FULL', 'PRORATA_PLACES_FILLED')),
      full_funding_from_percent smallint not null default 100 check (full_funding_from_percent between 0 and 100)
    )`);
    this.addSql('create index funding_terms_department_idx on funding.funding_terms (department_code)');
    this.addSql(`create table funding.payment (
      id uuid primary key,
      department_code text not null,
      convention_id uuid not null,
      kind text not null check (kind in ('ADVANCE', 'BALANCE')),
      amount_cents bigint not null check (amount_cents >= 0),
      due_on date not null,
      status text not null default 'PLANNED' check (status in ('PLANNED', 'REQUESTED', 'PAID', 'CANCELLED')),
      paid_on date,
      created_at timestamptz not null default now(),
      check ((status = 'PAID') = (paid_on is not null))
    )`);
    this.addSql('create index payment_convention_idx on funding.payment (department_code, convention_id)');
    this.addSql(`create table funding.final_report (
      convention_id uuid primary key,
      department_code text not null,
      due_on date not null,
      received_on date,
      places_contracted integer check (places_contracted >= 0),
      places_filled integer check (places_filled >= 0),
      people_accompanied integer check (people_accompanied >= 0),
      indicators jsonb not null default '{}'::jsonb
    )`);
    this.addSql('create index final_report_due_idx on funding.final_report (department_code, due_on) where received_on is null');
  }

  override down(): void {
    this.addSql('drop table if exists funding.final_report, funding.payment, funding.funding_terms, funding.cofunding_share, funding.call_session, funding.call_for_projects');
  }
}
