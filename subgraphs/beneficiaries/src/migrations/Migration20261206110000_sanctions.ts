import { Migration } from '@mikro-orm/migrations';

/**
 * Suspension-remobilisation (issue 14, item 3; décret of 30 May 2025, in force 1 June 2025; ADR 0026):
 * one procedure per breach of a person, BREACH_RECORDED → HEARD → DECIDED (SUSPENDED or NO_SANCTION)
 * → LIFTED (remobilised) | ENDED. The checks below keep each state's columns together, and the
 * legal bounds (30–100 %, 1–4 months, 50 % for a household of more than one) are the database's
 * last word as well as the service's.
 */
export class Migration20261206110000_sanctions extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.sanction_procedure (
      id uuid primary key,
      department_code text not null,
      beneficiary_id uuid not null references beneficiaries.beneficiary (id),
      status text not null check (status in ('BREACH_RECORDED', 'HEARD', 'DECIDED', 'LIFTED', 'ENDED')),
      breach_kind text not null check (breach_kind in ('CONTRACT_NOT_SIGNED', 'CONTRACT_OBLIGATIONS', 'APPOINTMENT_MISSED', 'FRANCE_TRAVAIL_REGISTRATION', 'OTHER')),
      breach_on date not null,
      breach_source text not null check (breach_source in ('REFERENT', 'DEPARTMENT', 'FRANCE_TRAVAIL', 'PARTNER')),
      breach_note text,
      recorded_by text not null,
      recorded_on date not null,
      hearing_on date,
      hearing_outcome text check (hearing_outcome in ('ORAL_OBSERVATIONS', 'WRITTEN_OBSERVATIONS', 'DID_NOT_ATTEND', 'REENGAGED')),
      heard_recorded_by text,
      decision text check (decision in ('SUSPENDED', 'NO_SANCTION')),
      rate smallint check (rate between 30 and 100),
      duration_months smallint check (duration_months between 1 and 4),
      household_type text,
      repeat_of uuid references beneficiaries.sanction_procedure (id),
      decided_on date,
      effective_on date,
      decided_by text,
      lifted_on date,
      lift_reason text check (lift_reason in ('CONTRACT_SIGNED', 'OBLIGATIONS_RESUMED', 'SITUATION_CHANGED', 'OTHER')),
      withheld_repaid boolean,
      ended_on date,
      end_reason text,
      closed_by text,
      created_at timestamptz not null default clock_timestamp(),
      check ((status = 'BREACH_RECORDED') = (hearing_on is null)),
      check ((hearing_on is null) = (hearing_outcome is null)),
      check (hearing_on is null or hearing_on >= breach_on),
      check ((status in ('DECIDED', 'LIFTED') or (status = 'ENDED' and decision is not null)) = (decision is not null)),
      check ((decision is null) = (decided_on is null) and (decision is null) = (effective_on is null)),
      check ((decision = 'SUSPENDED') = (rate is not null) and (decision = 'SUSPENDED') = (duration_months is not null)),
      check (decided_on is null or (decided_on >= hearing_on and effective_on >= decided_on)),
      check (rate is null or rate <= 50 or household_type = 'SINGLE'),
      check (duration_months is null or duration_months <= 2 or repeat_of is not null),
      check ((status = 'LIFTED') = (lifted_on is not null) and (lifted_on is null) = (lift_reason is null) and (lifted_on is null) = (withheld_repaid is null)),
      check (status <> 'LIFTED' or decision = 'SUSPENDED'),
      check (lifted_on is null or lifted_on >= decided_on),
      check ((status = 'ENDED') = (ended_on is not null) and (ended_on is null) = (end_reason is null))
    )`);
    // One procedure in progress per person before its decision: a second breach waits for the first one's hearing and decision.
    this.addSql(`create unique index sanction_procedure_one_pending_idx on beneficiaries.sanction_procedure (department_code, beneficiary_id) where status in ('BREACH_RECORDED', 'HEARD')`);
    this.addSql('create index sanction_procedure_department_beneficiary_idx on beneficiaries.sanction_procedure (department_code, beneficiary_id, breach_on desc)');
    this.addSql('create index sanction_procedure_department_decided_idx on beneficiaries.sanction_procedure (department_code, decided_on) where decision is not null');
  }

  override down(): void {
    this.addSql('drop table if exists beneficiaries.sanction_procedure');
  }
}
