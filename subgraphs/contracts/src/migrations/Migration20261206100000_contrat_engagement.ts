import { Migration } from '@mikro-orm/migrations';

/**
 * The contrat d'engagement (loi « plein emploi », in force 1 January 2025; ADR 0025): a kind of
 * contract beside the CER, with its track, its actions (a directory service or a free label, hours
 * a week × weeks), the planned weekly hours the service computes from them, a coded reduction of
 * the 15 hours with its justification, review dates, and the conversion of a CER (both ways).
 * Existing rows keep their kind (CER for every CER written so far).
 */
export class Migration20261206100000_contrat_engagement extends Migration {
  override up(): void {
    this.addSql(`alter table contracts.engagement_contract drop constraint if exists engagement_contract_kind_check`);
    this.addSql(`alter table contracts.engagement_contract add constraint engagement_contract_kind_check check (kind in ('CER', 'CONTRAT_ENGAGEMENT', 'PPAE', 'CEJ', 'PACEA'))`);
    this.addSql(`alter table contracts.engagement_contract
      add column track text check (track in ('PRO', 'SOCIO_PRO', 'SOCIAL')),
      add column planned_weekly_hours numeric(4, 1) check (planned_weekly_hours >= 0),
      add column reduction_reason text check (reduction_reason in ('HEALTH', 'DISABILITY', 'CHILDCARE', 'CARING')),
      add column reduction_justification text,
      add column converted_from_id uuid references contracts.engagement_contract (id),
      add column converted_to_id uuid references contracts.engagement_contract (id)`);
    // A contrat d'engagement always has its track and its hours; a CER never has them.
    this.addSql(`alter table contracts.engagement_contract add constraint engagement_contract_engagement_fields_check check (
      (kind = 'CONTRAT_ENGAGEMENT' and track is not null and planned_weekly_hours is not null)
      or (kind <> 'CONTRAT_ENGAGEMENT' and planned_weekly_hours is null and reduction_reason is null and converted_from_id is null))`);
    this.addSql(`alter table contracts.engagement_contract add constraint engagement_contract_reduction_check check (
      (reduction_reason is null) = (reduction_justification is null))`);
    this.addSql(`create index engagement_contract_kind_signed_idx on contracts.engagement_contract (department_code, kind, signed_on)`);
    this.addSql(`create table contracts.contract_action (
      id uuid primary key,
      department_code text not null,
      contract_id uuid not null references contracts.engagement_contract (id) on delete cascade,
      position smallint not null,
      service_id uuid,
      label text not null,
      weekly_hours numeric(4, 1) not null check (weekly_hours > 0 and weekly_hours <= 48),
      weeks smallint not null check (weeks between 1 and 104)
    )`);
    this.addSql('create index contract_action_contract_idx on contracts.contract_action (department_code, contract_id, position)');
    this.addSql(`create table contracts.contract_review (
      id uuid primary key,
      department_code text not null,
      contract_id uuid not null references contracts.engagement_contract (id) on delete cascade,
      planned_on date not null,
      unique (contract_id, planned_on)
    )`);
    this.addSql('create index contract_review_contract_idx on contracts.contract_review (department_code, contract_id, planned_on)');
  }

  override down(): void {
    this.addSql('drop table if exists contracts.contract_review, contracts.contract_action');
    this.addSql('drop index if exists contracts.engagement_contract_kind_signed_idx');
    this.addSql(`alter table contracts.engagement_contract drop constraint engagement_contract_reduction_check, drop constraint engagement_contract_engagement_fields_check,
      drop column converted_to_id, drop column converted_from_id, drop column reduction_justification, drop column reduction_reason, drop column planned_weekly_hours, drop column track`);
    this.addSql(`alter table contracts.engagement_contract drop constraint engagement_contract_kind_check`);
    this.addSql(`alter table contracts.engagement_contract add constraint engagement_contract_kind_check check (kind in ('CER', 'PPAE', 'CEJ', 'PACEA'))`);
  }
}
