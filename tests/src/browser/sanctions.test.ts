import { demoIdOf } from '@passerelles/db';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { ACCOUNTS, expectAccessible, useDashboard } from '../support/dashboard.js';
import { parisToday } from '../support/days.js';

/**
 * Suspension-remobilisation from the référent's side: on the path page of a person they follow,
 * the « Sanctions et remobilisation » panel; a breach without its date is refused in French, then
 * recorded; the procedure waits for the hearing, whose form appears, and the breach form gives way.
 * Checked in the database and the access log.
 */
const ui = useDashboard();
const soon = { timeout: 15_000 };

describe('Sanctions — the référent records a breach', () => {
  it('records « Rendez-vous manqué sans motif légitime » on the path page and opens the procedure', async () => {
    const referentId = demoIdOf.user(ACCOUNTS.REFERENT);
    // Someone the demo référent follows, with no procedure waiting for its hearing or decision.
    const found = await ui.system.db.query<{ id: string }>(
      `select a.beneficiary_id as id from beneficiaries.accompaniment a
        where a.department_code = '62' and a.referent_id = $1 and a.ended_on is null
          and not exists (select 1 from beneficiaries.sanction_procedure s where s.beneficiary_id = a.beneficiary_id and s.status in ('BREACH_RECORDED', 'HEARD'))
        order by a.beneficiary_id limit 1`,
      [referentId],
    );
    const person = found.rows[0]!;
    expect(person).toBeDefined();

    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/parcours/${person.id}`);
    const panel = page.locator('section[aria-labelledby="titre-sanctions"]');
    await expect.poll(() => panel.locator('h2').textContent(), soon).toBe('Sanctions et remobilisation');
    const form = page.getByRole('form', { name: 'Enregistrer un manquement' });
    await form.getByLabel('Type de manquement').selectOption('APPOINTMENT_MISSED');
    await form.getByRole('button', { name: 'Enregistrer le manquement' }).click();
    await expect.poll(() => form.locator('.error').first().textContent(), soon).toBe('Indiquez la date du manquement.');
    expect((await ui.system.db.query('select 1 from beneficiaries.sanction_procedure where beneficiary_id = $1 and status = $2', [person.id, 'BREACH_RECORDED'])).rowCount).toBe(0);

    await form.getByLabel('Type de manquement').selectOption('APPOINTMENT_MISSED');
    await form.getByLabel('Date du manquement').fill(parisToday());
    await form.getByLabel('Précision (facultative)').fill('Deux rendez-vous manqués sans nouvelles');
    await form.getByRole('button', { name: 'Enregistrer le manquement' }).click();
    await expect.poll(() => panel.getByRole('status').first().textContent(), soon).toBe('Manquement enregistré : la personne doit maintenant être entendue.');
    const opened = await ui.system.db.query<Record<string, unknown>>(
      `select id, status, breach_kind, breach_on::text, breach_source, breach_note, recorded_by from beneficiaries.sanction_procedure where beneficiary_id = $1 and status = 'BREACH_RECORDED'`,
      [person.id],
    );
    expect(opened.rows).toEqual([
      { id: expect.any(String) as unknown, status: 'BREACH_RECORDED', breach_kind: 'APPOINTMENT_MISSED', breach_on: parisToday(), breach_source: 'REFERENT', breach_note: 'Deux rendez-vous manqués sans nouvelles', recorded_by: referentId },
    ]);
    const id = opened.rows[0]!['id'] as string;
    // The procedure waits for the hearing: its form is there, and no second breach is offered meanwhile.
    const row = panel.locator(`tr[data-procedure="${id}"]`);
    await expect.poll(() => row.getAttribute('data-status'), soon).toBe('BREACH_RECORDED');
    expect(await row.getByRole('button', { name: 'Enregistrer l’audition' }).count()).toBe(1);
    expect(await page.getByRole('form', { name: 'Enregistrer un manquement' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'sanction-manquement');
    const audit = await ui.system.db.query(`select 1 from audit.access_log where user_id = $1 and record_type = 'SanctionProcedure' and operation = 'CREATE' and $2 = any(record_ids)`, [referentId, id]);
    expect(audit.rowCount).toBe(1);
    await page.close();
  });
});
