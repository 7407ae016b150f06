import { Migration } from '@mikro-orm/migrations';

/**
 * Engagement contracts (CER, PPAE, CEJ, PACEA) with their reciprocal commitments and status
 * history; objectives and amendments (avenants) of conventions.
 */
export class Migration20261122050000_engagement extends Migration {
  override up(): void {
    this.addSql(`create table contracts.engagement_contract (
      id uuid primary key,
      department_code text not null,
      beneficiary_id uuid not null,
      accompaniment_id uuid,
      referent_id text,
      operator_id uuid,
      territory_id text,
      kind text not null check (kind in ('CER', 'PPAE', 'CEJ', 'PACEA')),
      starts_on date not null,
      ends_on date not null,
      status text not null default 'DRAFT' check (status in ('DRAFT', 'SIGNED', 'RENEWAL_REQUESTED', 'RENEWED', 'ENDED', 'CANCELLED')),
      signed_on date,
      renewal_requested_on date,
      renewed_from_id uuid references contracts.engagement_contract (id),
      final_assessment text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on > starts_on),
      check (status in ('DRAFT', 'CANCELLED') or signed_on is not null)
    )`);
    this.addSql('create index engagement_contract_beneficiary_idx on contracts.engagement_contract (department_code, beneficiary_id, starts_on)');
    this.addSql('create index engagement_contract_ends_idx on contracts.engagement_contract (department_code, ends_on) where status in (\'SIGNED\', \'RENEWAL_REQUESTED\')');
    this.addSql('create index engagement_contract_referent_idx on contracts.engagement_contract (department_code, referent_id)');
    this.addSql('create index engagement_contract_operator_idx on contracts.engagement_contract (department_code, operator_id)');
    this.addSql('create index engagement_contract_signed_idx on contracts.engagement_contract (department_code, signed_on)');
    this.addSql(`create table contracts.contract_commitment (
      id uuid primary key,
      department_code text not null,
      contract_id uuid not null references contracts.engagement_contract (id) on delete cascade,
      position smallint not null,
      theme text not null,
      kind text not null check (kind in ('OBJECTIVE', 'ACTION')),
      party text not null check (party in ('BENEFICIARY', 'REFERENT', 'DEPARTMENT', 'PARTNER')),
      description text not null,
      status text not null default 'PLANNED' check (status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'ABANDONED')),
      assessment text
    )`);
    this.addSql('create index contract_commitment_contract_idx on contracts.contract_commitment (department_code, contract_id, position)');
    this.addSql(`create table contracts.contract_status_change (
      id bigserial primary key,
      department_code text not null,
      contract_id uuid not null references contracts.engagement_contract (id) on delete cascade,
      status text not null,
      changed_on date not null,
      changed_by text not null,
      changed_at timestamptz not null default now()
    )`);
    this.addSql('create index contract_status_change_contract_idx on contracts.contract_status_change (department_code, contract_id, id)');
    this.addSql(`create table contracts.convention_objective (
      id uuid primary key,
      department_code text not null,
      convention_id uuid not null references contracts.convention (id) on delete cascade,
      position smallint not null,
      kind text not null check (kind in ('QUANTITATIVE', 'QUALITATIVE')),
      label text not null,
      target integer check (target >= 0)
    )`);
    this.addSql('create index convention_objective_convention_idx on contracts.convention_objective (department_code, convention_id, position)');
    this.addSql(`create table contracts.convention_amendment (
      id uuid primary key,
      department_code text not null,
      convention_id uuid not null references contracts.convention (id) on delete cascade,
      number smallint not null,
      signed_on date not null,
      reason text not null,
      fte_before numeric(6, 2) not null,
      fte_after numeric(6, 2) not null,
      places_before integer not null,
      places_after integer not null,
      starts_on_before date not null,
      starts_on_after date not null,
      ends_on_before date not null,
      ends_on_after date not null,
      created_at timestamptz not null default now(),
      unique (convention_id, number)
    )`);
    this.addSql('create index convention_amendment_convention_idx on contracts.convention_amendment (department_code, convention_id, number)');
    this.addSql('create index convention_operator_idx on contracts.convention (department_code, operator_id)');
  }

  override down(): void {
    this.addSql('drop index if exists contracts.convention_operator_idx');
    this.addSql('drop table if exists contracts.convention_amendment, contracts.convention_objective, contracts.contract_status_change, contracts.contract_commitment, contracts.engagement_contract');
  }
}
