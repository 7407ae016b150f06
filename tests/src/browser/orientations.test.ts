import { demoIdOf } from '@passerelles/db';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { ACCOUNTS, expectAccessible, useDashboard } from '../support/dashboard.js';
import { parisToday } from '../support/days.js';

/**
 * A referral on both sides: the référent orients a person of their caseload to a service (with a
 * note), cannot send it twice, sees it on the person's path; the receiving structure's operator
 * finds it in « Orientations reçues », refuses without a reason (refused in French), accepts it,
 * then says the person came; the référent's path follows. Checked in the database at each step.
 */
const ui = useDashboard();
const soon = { timeout: 15_000 };
const SERVICE = 'Référent spécifique santé';

describe('Orientations — the référent sends, the partner decides', () => {
  it('goes from « Orienter » to the operator’s inbox and back to the person’s path', async () => {
    const partnerId = demoIdOf.partner('croix-rouge-62');
    const userId = async (email: string): Promise<string> => (await ui.system.db.query<{ id: string }>('select id::text from auth.app_user where email = $1', [email])).rows[0]!.id;
    const referentId = await userId(ACCOUNTS.REFERENT);
    const operatorId = await userId(ACCOUNTS.OPERATOR);

    // The référent orients someone of their caseload who has no open referral to this structure.
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/annuaire/${partnerId}`);
    const form = page.getByRole('form', { name: `Orienter vers ${SERVICE}` }).first();
    const select = form.getByLabel('Personne à orienter');
    const options = await select.locator('option:not([value=""])').evaluateAll((list) => list.map((o) => ({ id: (o as HTMLOptionElement).value, name: o.textContent ?? '' })));
    const busy = new Set(
      (
        await ui.system.db.query<{ beneficiary_id: string }>(
          `select beneficiary_id from beneficiaries.referral where partner_id = $1 and (status = 'ACCEPTED' or (status = 'SENT' and sent_on + 30 >= current_date))`,
          [partnerId],
        )
      ).rows.map((r) => r.beneficiary_id),
    );
    const person = options.find((o) => !busy.has(o.id))!;
    expect(person).toBeDefined();
    await select.selectOption(person.id);
    await form.getByLabel('Note pour la structure (facultative)').fill('Préfère être appelée le matin.');
    await form.getByRole('button', { name: 'Orienter' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), soon).toMatch(/a été enregistrée le /);
    const sent = await ui.system.db.query<{ id: string; status: string; note: string; accompaniment_id: string | null; created_by: string }>(
      `select id, status, note, accompaniment_id, created_by from beneficiaries.referral where beneficiary_id = $1 and partner_id = $2 order by created_at desc limit 1`,
      [person.id, partnerId],
    );
    const referral = sent.rows[0]!;
    expect(referral).toMatchObject({ status: 'SENT', note: 'Préfère être appelée le matin.', created_by: referentId });
    expect(referral.accompaniment_id).not.toBeNull();

    // Twice: refused, in French, and nothing written.
    await select.selectOption(person.id);
    await form.getByRole('button', { name: 'Orienter' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), soon).toBe('Cette personne est déjà orientée vers ce service : l’orientation attend une réponse ou est acceptée.');
    expect((await ui.system.db.query(`select 1 from beneficiaries.referral where beneficiary_id = $1 and partner_id = $2 and status = 'SENT'`, [person.id, partnerId])).rowCount).toBe(1);

    // The person's path shows it, with its expiry and note.
    await ui.open(page, `/parcours/${person.id}`);
    const row = page.locator('section[aria-labelledby="titre-orientations"] tbody tr', { hasText: SERVICE });
    await expect.poll(() => row.count(), soon).toBe(1);
    expect(await row.textContent()).toContain('envoyée');
    expect(await row.textContent()).toContain('Préfère être appelée le matin.');
    await page.close();

    // A steering member has no inbox.
    const steering = await ui.pageAs('STEERING');
    expect((await ui.open(steering, '/orientations'))?.status()).toBe(403);
    await steering.close();

    // The operator's inbox: the referral, the person named.
    const inbox = await ui.pageAs('OPERATOR');
    await ui.open(inbox, '/orientations');
    const line = inbox.locator(`tr[data-referral="${referral.id}"]`);
    await expect.poll(() => line.count(), soon).toBe(1);
    expect(await line.locator('th').textContent()).toContain(person.name);
    expect(await line.textContent()).toContain('Préfère être appelée le matin.');
    await expectAccessible(inbox);
    await screenshot(inbox, 'orientations-recues');

    // Refusing needs a reason.
    await line.getByRole('button', { name: 'Refuser' }).click();
    await expect.poll(() => line.locator('.error').first().textContent(), soon).toBe('Choisissez le motif du refus.');
    expect((await ui.system.db.query<{ status: string }>('select status from beneficiaries.referral where id = $1', [referral.id])).rows[0]!.status).toBe('SENT');

    // Accepted, with a note for the référent.
    await line.getByLabel('Note pour le référent (facultative)').fill('Premier rendez-vous lundi 10 h.');
    await line.getByRole('button', { name: 'Accepter' }).click();
    await expect.poll(() => inbox.getByRole('status').first().textContent(), soon).toBe('Orientation acceptée.');
    const accepted = await ui.system.db.query('select status, answered_on::text, answered_by, note from beneficiaries.referral where id = $1', [referral.id]);
    expect(accepted.rows).toEqual([{ status: 'ACCEPTED', answered_on: parisToday(), answered_by: operatorId, note: 'Premier rendez-vous lundi 10 h.' }]);

    // Accepted ones: the person came.
    await ui.open(inbox, '/orientations?vue=acceptees');
    const acceptedLine = inbox.locator(`tr[data-referral="${referral.id}"]`);
    await expect.poll(() => acceptedLine.count(), soon).toBe(1);
    await acceptedLine.getByRole('button', { name: 'La personne est venue' }).click();
    await expect.poll(() => inbox.getByRole('status').first().textContent(), soon).toBe('Orientation réalisée.');
    expect((await ui.system.db.query<{ status: string; closed_on: string }>('select status, closed_on::text from beneficiaries.referral where id = $1', [referral.id])).rows).toEqual([
      { status: 'DONE', closed_on: parisToday() },
    ]);
    await inbox.close();

    // Back on the référent's side: the path says so.
    const again = await ui.pageAs('REFERENT');
    await ui.open(again, `/parcours/${person.id}`);
    const done = again.locator('section[aria-labelledby="titre-orientations"] tbody tr', { hasText: SERVICE });
    await expect.poll(() => done.first().textContent(), soon).toContain('réalisée');
    await again.close();
  });
});
