import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, recordAccess, todayIso, type SubgraphContext } from '@passerelles/subgraph-kit';
import { createHash, randomUUID } from 'node:crypto';
import { decryptIdentity, encryptIdentity, identityDigest, nameIndex, type IdentityFields } from '../identity/identity.cipher.js';
import { BARRIER, DIFFICULTY, EXIT_REASON, EXIT_SUB_REASON, franceTravailId, frenchDate, HOUSEHOLD, LEAD, lookup, ORIENTATION, parseExport, SEX, type RawRow } from './import.format.js';
import type { ImportRejection, ImportReport } from './import.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PersonRow {
  externalRef: string;
  identity: IdentityFields;
  sex: string;
  communeCode: string;
  householdType: string;
  rsaEntryDate: string;
  rightsOpenedOn: string | null;
  orientationKind: string;
  /** The dated orientation decision, when the file gives one: written as a history entry with source IMPORT. */
  orientation: ImportedOrientation | null;
  barriers: string[];
  difficulties: string[];
}

interface ImportedOrientation {
  track: string;
  leadKind: string;
  leadPartnerId: string | null;
  decidedOn: string;
  notifiedOn: string | null;
}

interface AccompanimentRow {
  externalRef: string;
  personRef: string;
  programmeId: string;
  operatorId: string;
  conventionId: string | null;
  referentId: string | null;
  prescriberId: string | null;
  prescribedOn: string;
  validatedOn: string | null;
  startedOn: string | null;
  finalReviewOn: string | null;
  endedOn: string | null;
  exitReason: string | null;
  exitSubReason: string | null;
}

/** Validates one line; every problem is reported with its column. */
function validateRow(raw: RawRow, today: string, reject: (column: string, reason: string) => void): { person: PersonRow; accompaniment: AccompanimentRow | null } | null {
  const v = (c: string): string => (raw.values[c] ?? '').trim();
  let ok = true;
  const fail = (column: string, reason: string): null => {
    ok = false;
    reject(column, reason);
    return null;
  };
  const required = (c: string): string => (v(c) ? v(c) : (fail(c, 'required'), ''));
  const date = (c: string, needed: boolean): string | null => {
    if (!v(c)) return needed ? fail(c, 'required') : null;
    return frenchDate(v(c)) ?? fail(c, `not a date as DD/MM/YYYY: "${v(c)}"`);
  };
  const coded = (c: string, map: Map<string, string>): string => {
    const code = lookup(map, required(c));
    if (!code && v(c)) fail(c, `unknown value "${v(c)}"`);
    return code ?? '';
  };
  const list = (c: string, map: Map<string, string>): string[] => {
    const items = v(c).split(/[,|]/).map((s) => s.trim()).filter(Boolean);
    const codes = items.map((i) => lookup(map, i) ?? (fail(c, `unknown value "${i}"`), ''));
    return [...new Set(codes)].filter(Boolean).sort();
  };
  const uuid = (c: string, needed: boolean): string | null => {
    if (!v(c)) return needed ? fail(c, 'required') : null;
    return UUID.test(v(c)) ? v(c).toLowerCase() : fail(c, 'not an id (UUID)');
  };

  const externalRef = required('identifiant');
  const identity: IdentityFields = {
    lastName: required('nom'),
    firstName: required('prenom'),
    birthDate: date('date_naissance', true) ?? '',
    cafNumber: v('numero_caf') || null,
  };
  if (identity.cafNumber && !/^\d{7}$/.test(identity.cafNumber)) fail('numero_caf', 'a CAF number has 7 digits');
  if (v('identifiant_france_travail')) {
    // Personal data: the message never repeats the value.
    identity.franceTravailId = franceTravailId(v('identifiant_france_travail')) ?? fail('identifiant_france_travail', 'a France Travail identifier has 11 letters or digits (or, formerly, 7 digits and a letter)');
  }
  const communeCode = required('commune_insee');
  const person: PersonRow = {
    externalRef,
    identity,
    sex: coded('sexe', SEX),
    communeCode,
    householdType: coded('type_foyer', HOUSEHOLD),
    rsaEntryDate: date('date_entree_rsa', true) ?? '',
    rightsOpenedOn: date('date_ouverture_droit', false),
    orientationKind: coded('orientation', ORIENTATION),
    orientation: null,
    barriers: list('freins', BARRIER),
    difficulties: list('difficultes_psychiques', DIFFICULTY),
  };
  if (identity.birthDate && person.rsaEntryDate && person.rsaEntryDate < identity.birthDate) fail('date_entree_rsa', 'before the birth date');
  if (person.rightsOpenedOn && person.rsaEntryDate && person.rightsOpenedOn < person.rsaEntryDate) fail('date_ouverture_droit', 'before the RSA entry date');
  if (person.rightsOpenedOn && person.rightsOpenedOn > today) fail('date_ouverture_droit', 'in the future');

  // The orientation decision of the law of 2025: its track is the `orientation` column.
  const decidedOn = date('date_decision_orientation', false);
  const notifiedOn = date('date_notification_orientation', false);
  if (v('date_notification_orientation') && !v('date_decision_orientation')) fail('date_decision_orientation', 'required with a notification date');
  if (v('structure_referente') && !v('date_decision_orientation')) fail('date_decision_orientation', 'required with a lead structure');
  if (decidedOn && identity.birthDate && decidedOn < identity.birthDate) fail('date_decision_orientation', 'before the birth date');
  if (decidedOn && decidedOn > today) fail('date_decision_orientation', 'in the future');
  if (decidedOn && notifiedOn && notifiedOn < decidedOn) fail('date_notification_orientation', 'before the orientation decision');
  if (notifiedOn && notifiedOn > today) fail('date_notification_orientation', 'in the future');
  if (v('date_decision_orientation')) {
    const lead = v('structure_referente');
    const leadKind = !lead ? fail('structure_referente', 'required with an orientation date') : UUID.test(lead) ? 'PARTNER' : (lookup(LEAD, lead) ?? fail('structure_referente', `unknown value "${lead}" (France Travail, Département or a partner's id)`));
    if (decidedOn && leadKind && person.orientationKind) {
      person.orientation = { track: person.orientationKind, leadKind, leadPartnerId: leadKind === 'PARTNER' ? lead.toLowerCase() : null, decidedOn, notifiedOn };
    }
  }

  let accompaniment: AccompanimentRow | null = null;
  if (v('programme')) {
    const prescribedOn = date('date_prescription', true);
    const validatedOn = date('date_validation', false);
    const startedOn = date('date_premier_entretien', false);
    const finalReviewOn = date('date_bilan_final', false);
    const endedOn = date('date_sortie', false);
    const exitReason = v('motif_sortie') ? (lookup(EXIT_REASON, v('motif_sortie')) ?? fail('motif_sortie', `unknown value "${v('motif_sortie')}"`)) : null;
    const exitSubReason = v('sous_motif_sortie') ? (lookup(EXIT_SUB_REASON, v('sous_motif_sortie')) ?? fail('sous_motif_sortie', `unknown value "${v('sous_motif_sortie')}"`)) : null;
    // The life-cycle rules of the service, applied to a whole history at once.
    if (prescribedOn && validatedOn && validatedOn < prescribedOn) fail('date_validation', 'before the prescription');
    if (startedOn && !v('date_validation')) fail('date_premier_entretien', 'a first interview needs a validated orientation');
    if (startedOn && validatedOn && startedOn < validatedOn) fail('date_premier_entretien', 'before the validation');
    if (finalReviewOn && !v('date_premier_entretien')) fail('date_bilan_final', 'a final review needs a first interview');
    if (finalReviewOn && startedOn && finalReviewOn < startedOn) fail('date_bilan_final', 'before the first interview');
    if (endedOn && !v('date_premier_entretien')) fail('date_sortie', 'no exit before a first interview');
    if (endedOn && startedOn && endedOn < startedOn) fail('date_sortie', 'before the first interview');
    if (endedOn && finalReviewOn && endedOn < finalReviewOn) fail('date_sortie', 'before the final review');
    if (v('date_sortie') && !v('motif_sortie')) fail('motif_sortie', 'required with an exit date');
    if (!v('date_sortie') && v('motif_sortie')) fail('date_sortie', 'required with an exit reason');
    if (exitReason === 'FINANCIAL_CHANGE' && !v('sous_motif_sortie')) fail('sous_motif_sortie', 'required for a financial change');
    if (exitReason && exitReason !== 'FINANCIAL_CHANGE' && v('sous_motif_sortie')) fail('sous_motif_sortie', 'only for a financial change');
    const programmeId = uuid('programme', true);
    const operatorId = uuid('operateur', true);
    const conventionId = uuid('convention', false);
    if (prescribedOn && programmeId && operatorId) {
      accompaniment = {
        externalRef: `${externalRef}|${programmeId}|${prescribedOn}`,
        personRef: externalRef,
        programmeId,
        operatorId,
        conventionId,
        referentId: v('referent') || null,
        prescriberId: v('prescripteur') || null,
        prescribedOn,
        validatedOn,
        startedOn,
        finalReviewOn,
        endedOn,
        exitReason,
        exitSubReason,
      };
    }
  }
  return ok ? { person, accompaniment } : null;
}

const samePerson = (a: PersonRow, b: PersonRow): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Imports people and accompaniments from a Département's export. Every line is validated (format,
 * codes, communes of the Département, the life-cycle rules); if any value is rejected nothing is
 * written and the report lists each rejection. Otherwise everything is written in one transaction,
 * matched on the Département's ids, so importing the same file again changes nothing.
 */
export async function importBeneficiaries(ctx: SubgraphContext, csv: string, dryRun: boolean): Promise<ImportReport> {
  assertCan(ctx.caller, 'people:import');
  const department = ctx.caller.departmentCode;
  const parsed = parseExport(csv);
  const rejected: ImportRejection[] = [];
  const report = (rowsRead: number, b = 0, a = 0): ImportReport => ({
    ok: rejected.length === 0,
    dryRun,
    rowsRead,
    beneficiariesWritten: rejected.length ? 0 : b,
    accompanimentsWritten: rejected.length ? 0 : a,
    rejected,
  });
  if (parsed.error) {
    rejected.push({ line: parsed.error.line, column: '', reason: parsed.error.reason });
    return report(0);
  }
  for (const column of parsed.missing) rejected.push({ line: 1, column, reason: 'missing column' });
  if (rejected.length) return report(parsed.rows.length);

  const people = new Map<string, { row: PersonRow; line: number }>();
  const accompaniments = new Map<string, { row: AccompanimentRow; line: number }>();
  const openPerProgramme = new Map<string, number>();
  const communeLines: { code: string; line: number }[] = [];
  const today = todayIso();
  for (const raw of parsed.rows) {
    const code = (raw.values.commune_insee ?? '').trim();
    if (code) communeLines.push({ code, line: raw.line });
    const valid = validateRow(raw, today, (column, reason) => rejected.push({ line: raw.line, column, reason }));
    if (!valid) continue;
    const seen = people.get(valid.person.externalRef);
    if (seen && !samePerson(seen.row, valid.person)) {
      rejected.push({ line: raw.line, column: 'identifiant', reason: `the same person differs from line ${seen.line}` });
      continue;
    }
    if (!seen) people.set(valid.person.externalRef, { row: valid.person, line: raw.line });
    const a = valid.accompaniment;
    if (a) {
      if (accompaniments.has(a.externalRef)) {
        rejected.push({ line: raw.line, column: 'date_prescription', reason: `same person, programme and prescription as line ${accompaniments.get(a.externalRef)!.line}` });
        continue;
      }
      if (!a.endedOn) {
        const key = `${a.personRef}|${a.programmeId}`;
        const other = openPerProgramme.get(key);
        if (other !== undefined) {
          rejected.push({ line: raw.line, column: 'programme', reason: `a second open accompaniment in this programme (line ${other})` });
          continue;
        }
        openPerProgramme.set(key, raw.line);
      }
      accompaniments.set(a.externalRef, { row: a, line: raw.line });
    }
  }

  // Communes must be of the caller's Département (their territory comes from the reference geography).
  const codes = [...new Set(communeLines.map((c) => c.code))];
  const known = codes.length
    ? new Set(
        (await ctx.em.execute<{ code: string }[]>(`select code from ref.commune where department_code = ? and code in (?)`, [department, codes])).map((r) => r.code),
      )
    : new Set<string>();
  for (const c of communeLines) if (!known.has(c.code)) rejected.push({ line: c.line, column: 'commune_insee', reason: `not a commune of Département ${department}` });

  // An open accompaniment already in the base for the same person and programme, under another prescription, would be a second one.
  const open = [...accompaniments.values()].filter((a) => !a.row.endedOn);
  if (open.length) {
    const clashes = await ctx.em.execute<{ personRef: string; programmeId: string }[]>(
      `select b.external_ref as "personRef", a.programme_id as "programmeId" from beneficiaries.accompaniment a
         join beneficiaries.beneficiary b on b.id = a.beneficiary_id
        where a.department_code = ? and a.ended_on is null and b.external_ref in (?)`,
      [department, [...new Set(open.map((a) => a.row.personRef))]],
    );
    const existingRefs = await ctx.em.execute<{ ref: string }[]>(
      `select external_ref as ref from beneficiaries.accompaniment where department_code = ? and external_ref in (?)`,
      [department, open.map((a) => a.row.externalRef)],
    );
    const mine = new Set(existingRefs.map((r) => r.ref));
    for (const a of open) {
      if (mine.has(a.row.externalRef)) continue;
      if (clashes.some((c) => c.personRef === a.row.personRef && c.programmeId === a.row.programmeId)) {
        rejected.push({ line: a.line, column: 'programme', reason: 'this person already has an open accompaniment in this programme' });
      }
    }
  }
  // Stable: by line, then in the order the checks ran.
  rejected.sort((x, y) => x.line - y.line);
  if (rejected.length || dryRun) return report(parsed.rows.length, dryRun ? people.size : 0, dryRun ? accompaniments.size : 0);

  const written = await ctx.em.transactional((em) => write(em, department, ctx.caller.userId, [...people.values()].map((p) => p.row), [...accompaniments.values()].map((a) => a.row)));
  await recordAccess(ctx, { operation: 'IMPORT', recordType: 'Beneficiary', recordIds: written.beneficiaryIds });
  return report(parsed.rows.length, written.beneficiaryIds.length, written.accompaniments);
}

/**
 * A person with an orientation history keeps the track of their current orientation (kept in step
 * by whoever writes the history): the file's `orientation` column sets it only for the others.
 */
const KIND_UNLESS_HISTORY = `case when exists (select 1 from beneficiaries.orientation o where o.department_code = b.department_code and o.beneficiary_id = b.id)
  then b.orientation_kind else excluded.orientation_kind end`;

async function write(em: EntityManager, department: string, userId: string, people: PersonRow[], accompaniments: AccompanimentRow[]): Promise<{ beneficiaryIds: string[]; accompaniments: number }> {
  const changed = new Set<string>();
  if (people.length) {
    const rows = people.map((p) => ({
      id: randomUUID(),
      external_ref: p.externalRef,
      commune_code: p.communeCode,
      sex: p.sex,
      birth_year: Number(p.identity.birthDate.slice(0, 4)),
      household_type: p.householdType,
      rsa_entry_date: p.rsaEntryDate,
      rights_opened_on: p.rightsOpenedOn,
      orientation_kind: p.orientationKind,
      barriers: p.barriers,
      psychological_difficulties: p.difficulties,
    }));
    const upserted = await em.execute<{ id: string }[]>(
      `insert into beneficiaries.beneficiary as b (id, department_code, external_ref, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, rights_opened_on, orientation_kind, barriers, psychological_difficulties)
       select r.id, ?, r.external_ref, r.commune_code,
              (select tc.territory_id from ref.territory_commune tc where tc.department_code = ? and tc.commune_code = r.commune_code order by tc.territory_id limit 1),
              r.sex, r.birth_year, r.household_type, r.rsa_entry_date, r.rights_opened_on, r.orientation_kind,
              array(select jsonb_array_elements_text(r.barriers)), array(select jsonb_array_elements_text(r.psychological_difficulties))
         from jsonb_to_recordset(?::jsonb) as r(id uuid, external_ref text, commune_code text, sex text, birth_year int, household_type text,
                                                rsa_entry_date date, rights_opened_on date, orientation_kind text, barriers jsonb, psychological_difficulties jsonb)
       on conflict (department_code, external_ref) do update set
         commune_code = excluded.commune_code, territory_id = excluded.territory_id, sex = excluded.sex, birth_year = excluded.birth_year,
         household_type = excluded.household_type, rsa_entry_date = excluded.rsa_entry_date,
         -- A file without the column keeps the day known; a file with it is the Département's word.
         rights_opened_on = coalesce(excluded.rights_opened_on, b.rights_opened_on), orientation_kind = ${KIND_UNLESS_HISTORY},
         barriers = excluded.barriers, psychological_difficulties = excluded.psychological_difficulties
       where (b.commune_code, b.territory_id, b.sex, b.birth_year, b.household_type, b.rsa_entry_date, b.rights_opened_on, b.orientation_kind, b.barriers, b.psychological_difficulties)
             is distinct from (excluded.commune_code, excluded.territory_id, excluded.sex, excluded.birth_year, excluded.household_type,
                               excluded.rsa_entry_date, coalesce(excluded.rights_opened_on, b.rights_opened_on), ${KIND_UNLESS_HISTORY}, excluded.barriers, excluded.psychological_difficulties)
       returning b.id`,
      [department, department, JSON.stringify(rows)],
    );
    for (const r of upserted) changed.add(r.id);

    const known = await knownFranceTravailIds(em, department, people.filter((p) => !p.identity.franceTravailId).map((p) => p.externalRef));
    const identities = people.map((p) => {
      // A file without the identifier (an older export, or an empty cell) keeps the one already known.
      const identity = p.identity.franceTravailId ? p.identity : { ...p.identity, franceTravailId: known.get(p.externalRef) ?? null };
      return {
        external_ref: p.externalRef,
        ciphertext: encryptIdentity(identity).toString('base64'),
        digest: identityDigest(identity),
        name_index: nameIndex(identity),
      };
    });
    const identityChanged = await em.execute<{ id: string }[]>(
      `insert into beneficiaries.beneficiary_identity as i (beneficiary_id, department_code, ciphertext, digest, name_index)
       select b.id, b.department_code, decode(r.ciphertext, 'base64'), r.digest, r.name_index
         from jsonb_to_recordset(?::jsonb) as r(external_ref text, ciphertext text, digest text, name_index text[])
         join beneficiaries.beneficiary b on b.department_code = ? and b.external_ref = r.external_ref
       on conflict (beneficiary_id) do update set ciphertext = excluded.ciphertext, digest = excluded.digest, name_index = excluded.name_index, updated_at = now()
       where i.digest <> excluded.digest or i.name_index is null
       returning i.beneficiary_id as id`,
      [JSON.stringify(identities), department],
    );
    for (const r of identityChanged) changed.add(r.id);

    for (const id of await writeOrientations(em, department, userId, people)) changed.add(id);
  }
  let accompanimentCount = 0;
  if (accompaniments.length) {
    const rows = accompaniments.map((a) => ({
      id: uuidFrom(`${department}|${a.externalRef}`),
      external_ref: a.externalRef,
      person_ref: a.personRef,
      programme_id: a.programmeId,
      operator_id: a.operatorId,
      convention_id: a.conventionId,
      referent_id: a.referentId,
      prescriber_id: a.prescriberId,
      prescribed_on: a.prescribedOn,
      validated_on: a.validatedOn,
      started_on: a.startedOn,
      final_review_on: a.finalReviewOn,
      ended_on: a.endedOn,
      exit_reason: a.exitReason,
      exit_sub_reason: a.exitSubReason,
    }));
    const upserted = await em.execute<{ id: string }[]>(
      `insert into beneficiaries.accompaniment as a (id, department_code, external_ref, beneficiary_id, programme_id, operator_id, convention_id, territory_id,
              referent_id, prescriber_id, prescribed_on, validated_on, started_on, final_review_on, ended_on, exit_reason, exit_sub_reason)
       select r.id, b.department_code, r.external_ref, b.id, r.programme_id, r.operator_id, r.convention_id, b.territory_id,
              r.referent_id, r.prescriber_id, r.prescribed_on, r.validated_on, r.started_on, r.final_review_on, r.ended_on, r.exit_reason, r.exit_sub_reason
         from jsonb_to_recordset(?::jsonb) as r(id uuid, external_ref text, person_ref text, programme_id uuid, operator_id uuid, convention_id uuid,
              referent_id text, prescriber_id text, prescribed_on date, validated_on date, started_on date, final_review_on date, ended_on date,
              exit_reason text, exit_sub_reason text)
         join beneficiaries.beneficiary b on b.department_code = ? and b.external_ref = r.person_ref
       on conflict (department_code, external_ref) do update set
         operator_id = excluded.operator_id, convention_id = excluded.convention_id, territory_id = excluded.territory_id,
         referent_id = excluded.referent_id, prescriber_id = excluded.prescriber_id, validated_on = excluded.validated_on,
         started_on = excluded.started_on, final_review_on = excluded.final_review_on, ended_on = excluded.ended_on,
         exit_reason = excluded.exit_reason, exit_sub_reason = excluded.exit_sub_reason
       where (a.operator_id, a.convention_id, a.territory_id, a.referent_id, a.prescriber_id, a.validated_on, a.started_on, a.final_review_on,
              a.ended_on, a.exit_reason, a.exit_sub_reason)
             is distinct from (excluded.operator_id, excluded.convention_id, excluded.territory_id, excluded.referent_id, excluded.prescriber_id,
              excluded.validated_on, excluded.started_on, excluded.final_review_on, excluded.ended_on, excluded.exit_reason, excluded.exit_sub_reason)
       returning a.id`,
      [JSON.stringify(rows), department],
    );
    accompanimentCount = upserted.length;
  }
  return { beneficiaryIds: [...changed], accompaniments: accompanimentCount };
}

/** The France Travail identifiers already stored for these people (decrypted here, in the service, and never logged). */
async function knownFranceTravailIds(em: EntityManager, department: string, refs: string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await em.execute<{ ref: string; ciphertext: Buffer }[]>(
    `select b.external_ref as ref, i.ciphertext from beneficiaries.beneficiary_identity i join beneficiaries.beneficiary b on b.id = i.beneficiary_id
      where b.department_code = ? and b.external_ref in (?)`,
    [department, refs],
  );
  const known = new Map<string, string>();
  for (const r of rows) {
    const id = decryptIdentity(r.ciphertext).franceTravailId;
    if (id) known.set(r.ref, id);
  }
  return known;
}

/**
 * Each dated orientation of the file becomes an entry of the person's orientation history with
 * source IMPORT, matched on its decision day: importing the file again changes nothing, and a file
 * that corrects the track, lead or notification of that day updates the imported entry (never an
 * entry the Département recorded in Passerelles). `orientation_kind` then follows the person's
 * current orientation, as when an orientation is decided here. Returns the people changed.
 */
async function writeOrientations(em: EntityManager, department: string, userId: string, people: PersonRow[]): Promise<string[]> {
  const rows = people
    .filter((p) => p.orientation)
    .map((p) => ({
      external_ref: p.externalRef,
      track: p.orientation!.track,
      lead_kind: p.orientation!.leadKind,
      lead_partner_id: p.orientation!.leadPartnerId,
      decided_on: p.orientation!.decidedOn,
      notified_on: p.orientation!.notifiedOn,
    }));
  if (rows.length === 0) return [];
  const changed = await em.execute<{ id: string }[]>(
    `with t as (
       select b.id as beneficiary_id, r.* from jsonb_to_recordset(?::jsonb)
           as r(external_ref text, track text, lead_kind text, lead_partner_id uuid, decided_on date, notified_on date)
         join beneficiaries.beneficiary b on b.department_code = ? and b.external_ref = r.external_ref),
     updated as (
       update beneficiaries.orientation o set track = t.track, lead_kind = t.lead_kind, lead_partner_id = t.lead_partner_id, notified_on = t.notified_on
         from t
        where o.department_code = ? and o.beneficiary_id = t.beneficiary_id and o.source = 'IMPORT' and o.decided_on = t.decided_on
          and (o.track, o.lead_kind, o.lead_partner_id, o.notified_on) is distinct from (t.track, t.lead_kind, t.lead_partner_id, t.notified_on)
       returning o.beneficiary_id),
     inserted as (
       insert into beneficiaries.orientation (id, department_code, beneficiary_id, track, lead_kind, lead_partner_id, criteria, decided_on, notified_on, source, recorded_by, previous_orientation_id)
       select gen_random_uuid(), ?, t.beneficiary_id, t.track, t.lead_kind, t.lead_partner_id, '{}', t.decided_on, t.notified_on, 'IMPORT', ?,
              (select p.id from beneficiaries.orientation p where p.department_code = ? and p.beneficiary_id = t.beneficiary_id and p.decided_on <= t.decided_on
                order by p.decided_on desc, p.created_at desc, p.id desc limit 1)
         from t
        where not exists (select 1 from beneficiaries.orientation o
                           where o.department_code = ? and o.beneficiary_id = t.beneficiary_id and o.source = 'IMPORT' and o.decided_on = t.decided_on)
       returning beneficiary_id)
     select beneficiary_id as id from updated union select beneficiary_id from inserted`,
    [JSON.stringify(rows), department, department, department, userId, department, department],
  );
  if (changed.length) {
    await em.execute(
      `update beneficiaries.beneficiary b set orientation_kind = c.track
         from (select distinct on (o.beneficiary_id) o.beneficiary_id, o.track from beneficiaries.orientation o
                where o.department_code = ? and o.beneficiary_id in (?)
                order by o.beneficiary_id, o.decided_on desc, o.created_at desc, o.id desc) c
        where b.department_code = ? and b.id = c.beneficiary_id and b.orientation_kind <> c.track`,
      [department, changed.map((r) => r.id), department],
    );
  }
  return changed.map((r) => r.id);
}

/** A stable id from a name (so that an accompaniment keeps its id across re-imports). */
function uuidFrom(name: string): string {
  const hash = createHash('sha1').update(`passerelles-import:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
