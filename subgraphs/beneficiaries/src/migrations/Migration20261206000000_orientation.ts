import { Migration } from '@mikro-orm/migrations';

/**
 * Orientation under the loi pour le plein emploi (issue 14, item 4): the three tracks and the
 * orientation criteria as reference data, each person's orientations kept as a dated and sourced
 * history (the current one is the latest decided), and the reorientation requests a référent makes
 * and the Département answers.
 */
export class Migration20261206000000_orientation extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.orientation_track (
      code text primary key check (code in ('PRO', 'SOCIO_PRO', 'SOCIAL')),
      label text not null,
      description text not null,
      position smallint not null unique
    )`);
    // The three tracks of the loi n° 2023-1196 du 18 décembre 2023 (CASF L. 262-29); their codes are
    // the beneficiary's `orientation_kind`, which the latest orientation keeps up to date.
    this.addSql(`insert into beneficiaries.orientation_track (code, label, description, position) values
      ('PRO', 'Professionnel', 'Personne disponible pour un retour rapide à l’emploi : accompagnement par France Travail ou un organisme du réseau pour l’emploi.', 1),
      ('SOCIO_PRO', 'Socio-professionnel', 'Projet professionnel à construire en levant des freins périphériques : accompagnement global, social et professionnel.', 2),
      ('SOCIAL', 'Social (remobilisation)', 'Difficultés (santé, logement, situation familiale…) qui empêchent pour l’instant une démarche d’emploi : accompagnement social et remobilisation.', 3)`);
    this.addSql(`create table beneficiaries.orientation_criterion (
      code text primary key,
      category text not null,
      label text not null,
      position smallint not null unique
    )`);
    // The common orientation criteria approved by the arrêté du 21 novembre 2024 (JO du 6 décembre
    // 2024), adopted by the Comité national pour l'emploi, group the person's situation into: their
    // situation regarding employment, their qualification, their aspirations, and difficulties of
    // health, housing, mobility, childcare, caring for a relative, or other. The list below is
    // Passerelles' own wording of those themes (plus language and digital skills, which the
    // Départements' diagnostics record): a coded, plausible list to tick, not the arrêté's text,
    // which stays the reference.
    this.addSql(`insert into beneficiaries.orientation_criterion (code, category, label, position) values
      ('EMPLOYMENT_SITUATION', 'EMPLOYMENT', 'Situation au regard de l’emploi (activité, durée d’inactivité)', 1),
      ('PROFESSIONAL_EXPERIENCE', 'EMPLOYMENT', 'Expérience professionnelle', 2),
      ('QUALIFICATION', 'QUALIFICATION', 'Niveau de qualification et de formation', 3),
      ('LANGUAGE', 'QUALIFICATION', 'Maîtrise du français et savoirs de base', 4),
      ('DIGITAL', 'QUALIFICATION', 'Autonomie numérique', 5),
      ('ASPIRATIONS', 'ASPIRATIONS', 'Aspirations : retour rapide à l’emploi ou projet professionnel à définir', 6),
      ('HEALTH', 'DIFFICULTIES', 'Difficultés de santé (dont santé mentale, handicap)', 7),
      ('HOUSING', 'DIFFICULTIES', 'Difficultés de logement', 8),
      ('MOBILITY', 'DIFFICULTIES', 'Difficultés de mobilité', 9),
      ('CHILDCARE', 'DIFFICULTIES', 'Contraintes familiales : garde d’enfants', 10),
      ('CARER', 'DIFFICULTIES', 'Contraintes familiales : situation de proche aidant', 11),
      ('OTHER_DIFFICULTY', 'DIFFICULTIES', 'Autre difficulté', 12)`);
    this.addSql(`create table beneficiaries.orientation (
      id uuid primary key,
      department_code text not null,
      beneficiary_id uuid not null references beneficiaries.beneficiary (id),
      track text not null references beneficiaries.orientation_track (code),
      lead_kind text not null check (lead_kind in ('FRANCE_TRAVAIL', 'DEPARTMENT', 'PARTNER')),
      lead_partner_id uuid,
      criteria text[] not null default '{}',
      decided_on date not null,
      notified_on date,
      source text not null check (source in ('DEPARTMENT', 'FRANCE_TRAVAIL', 'IMPORT')),
      recorded_by text not null,
      reason text,
      previous_orientation_id uuid references beneficiaries.orientation (id),
      request_id uuid,
      created_at timestamptz not null default clock_timestamp(),
      check ((lead_kind = 'PARTNER') = (lead_partner_id is not null)),
      check (notified_on is null or notified_on >= decided_on)
    )`);
    this.addSql('create index orientation_department_beneficiary_idx on beneficiaries.orientation (department_code, beneficiary_id, decided_on desc, created_at desc)');
    this.addSql(`create table beneficiaries.reorientation_request (
      id uuid primary key,
      department_code text not null,
      beneficiary_id uuid not null references beneficiaries.beneficiary (id),
      orientation_id uuid references beneficiaries.orientation (id),
      proposed_track text not null references beneficiaries.orientation_track (code),
      reason text not null check (length(trim(reason)) > 0),
      status text not null check (status in ('REQUESTED', 'ACCEPTED', 'REFUSED', 'WITHDRAWN')),
      requested_by text not null,
      requested_on date not null,
      decided_by text,
      decided_on date,
      decision_reason text,
      resulting_orientation_id uuid references beneficiaries.orientation (id),
      created_at timestamptz not null default clock_timestamp(),
      check ((status = 'REQUESTED') = (decided_on is null)),
      check (status <> 'REFUSED' or length(trim(coalesce(decision_reason, ''))) > 0),
      check ((status = 'ACCEPTED') = (resulting_orientation_id is not null)),
      check (decided_on is null or decided_on >= requested_on)
    )`);
    // One request waiting per person: a second one waits for the Département's answer to the first.
    this.addSql(`create unique index reorientation_request_one_waiting_idx on beneficiaries.reorientation_request (department_code, beneficiary_id) where status = 'REQUESTED'`);
    this.addSql('create index reorientation_request_department_status_idx on beneficiaries.reorientation_request (department_code, status, requested_on desc, id desc)');
    this.addSql('create index reorientation_request_department_beneficiary_idx on beneficiaries.reorientation_request (department_code, beneficiary_id, requested_on desc)');
    this.addSql(`alter table beneficiaries.orientation add constraint orientation_request_fk foreign key (request_id) references beneficiaries.reorientation_request (id)`);
  }

  override down(): void {
    this.addSql('alter table beneficiaries.orientation drop constraint if exists orientation_request_fk');
    this.addSql('drop table if exists beneficiaries.reorientation_request');
    this.addSql('drop table if exists beneficiaries.orientation');
    this.addSql('drop table if exists beneficiaries.orientation_criterion');
    this.addSql('drop table if exists beneficiaries.orientation_track');
  }
}
