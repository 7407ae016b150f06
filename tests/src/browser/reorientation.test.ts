import { DEMO_AS_OF, demoIdOf } from '@passerelles/db';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { ACCOUNTS, expectAccessible, useDashboard } from '../support/dashboard.js';
import { parisToday } from '../support/days.js';

/**
 * A reorientation on both sides: the référent opens a person of their caseload, sees the
 * « Orientation » panel (current track and history), asks for a reorientation (refused in French
 * without a reason), and the request waits; the Département's administrator finds it in
 * « Demandes de réorientation », refuses it without a reason (refused in French), then accepts it;
 * the person's history shows the new orientation first, and the request as accepted. Checked in
 * the database at each step.
 */
const ui = useDashboard();
const soon = { timeout: 15_000 };
const LABELS: Record<string, string> = { PRO: 'Professionnel', SOCIO_PRO: 'Socio-professionnel', SOCIAL: 'Social (remobilisation)' };
const REASON = 'Soins en place depuis trois mois : la personne souhaite construire un projet de formation.';

describe('Réorientation — the référent asks, the Département decides', () => {
  it('starts from a demo where most people are oriented, a few were reoriented, and three requests wait in the Pas-de-Calais', async () => {
    const stats = (
      await ui.system.db.query<{ department_code: string; people: number; oriented: number; social_or_socio: number; reoriented: number; waiting: number; kind_matches: boolean; dated: boolean }>(
        `with current as (select distinct on (o.beneficiary_id) o.beneficiary_id, o.track from beneficiaries.orientation o order by o.beneficiary_id, o.decided_on desc, o.created_at desc)
         select b.department_code, count(*)::int as people, count(c.track)::int as oriented,
                count(*) filter (where c.track in ('SOCIAL', 'SOCIO_PRO'))::int as social_or_socio,
                count(*) filter (where exists (select 1 from beneficiaries.orientation o where o.beneficiary_id = b.id and o.previous_orientation_id is not null))::int as reoriented,
                (select count(*)::int from beneficiaries.reorientation_request r where r.department_code = b.department_code and r.status = 'REQUESTED') as waiting,
                bool_and(c.track is null or c.track = b.orientation_kind) as kind_matches,
                (select bool_and(o.decided_on <= $1::date and (o.notified_on is null or (o.notified_on >= o.decided_on and o.notified_on <= $1::date)))
                   from beneficiaries.orientation o where o.department_code = b.department_code) as dated
           from beneficiaries.beneficiary b left join current c on c.beneficiary_id = b.id
          group by b.department_code order by b.department_code`,
        [DEMO_AS_OF],
      )
    ).rows;
    for (const s of stats) {
      expect(s.oriented / s.people).toBeGreaterThan(0.85);
      expect(s.social_or_socio / s.oriented).toBeGreaterThan(0.8);
      expect(s.reoriented / s.oriented).toBeGreaterThan(0.05);
      expect(s.reoriented / s.oriented).toBeLessThan(0.25);
      expect(s.kind_matches).toBe(true);
      expect(s.dated).toBe(true);
    }
    expect(stats.map((s) => [s.department_code, s.waiting])).toEqual([
      ['25', 0],
      ['62', 3],
    ]);
  });

  it('goes from « Demander une réorientation » to the administrator’s list and back to the person’s history', async () => {
    const referentId = demoIdOf.user(ACCOUNTS.REFERENT);
    const adminId = demoIdOf.user(ACCOUNTS.ADMIN);
    // Someone the demo référent follows, oriented, with no request waiting.
    const found = await ui.system.db.query<{ id: string; track: string; orientation_id: string }>(
      `select a.beneficiary_id as id, o.track, o.id as orientation_id from beneficiaries.accompaniment a
         join lateral (select o.id, o.track from beneficiaries.orientation o where o.department_code = a.department_code and o.beneficiary_id = a.beneficiary_id
                        order by o.decided_on desc, o.created_at desc limit 1) o on true
        where a.department_code = '62' and a.referent_id = $1 and a.ended_on is null
          and not exists (select 1 from beneficiaries.reorientation_request r where r.beneficiary_id = a.beneficiary_id and r.status = 'REQUESTED')
        order by a.beneficiary_id desc limit 1`,
      [referentId],
    );
    const person = found.rows[0]!;
    expect(person).toBeDefined();
    const proposed = person.track === 'SOCIAL' ? 'SOCIO_PRO' : 'SOCIAL';

    // The référent: the panel, then the request.
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/parcours/${person.id}`);
    const panel = page.locator('section[aria-labelledby="titre-orientation"]');
    await expect.poll(() => panel.getByTestId('parcours-actuel').textContent(), soon).toContain(`Parcours actuel : ${LABELS[person.track]}`);
    expect(await panel.locator(`tr[data-orientation="${person.orientation_id}"]`).count()).toBe(1);
    const form = page.getByRole('form', { name: 'Demander une réorientation' });
    await form.getByLabel('Parcours proposé').selectOption(proposed);
    await form.getByRole('button', { name: 'Envoyer la demande au Département' }).click();
    await expect.poll(() => form.locator('.error').first().textContent(), soon).toBe('Indiquez le motif de la demande.');
    expect((await ui.system.db.query('select 1 from beneficiaries.reorientation_request where beneficiary_id = $1 and status = $2', [person.id, 'REQUESTED'])).rowCount).toBe(0);
    await form.getByLabel('Parcours proposé').selectOption(proposed);
    await form.getByLabel('Motif de la demande').fill(REASON);
    await form.getByRole('button', { name: 'Envoyer la demande au Département' }).click();
    await expect.poll(() => panel.getByRole('status').first().textContent(), soon).toBe('Demande de réorientation envoyée au Département.');
    const asked = await ui.system.db.query<{ id: string; proposed_track: string; reason: string; requested_by: string; requested_on: string }>(
      `select id, proposed_track, reason, requested_by, requested_on::text from beneficiaries.reorientation_request where beneficiary_id = $1 and status = 'REQUESTED'`,
      [person.id],
    );
    expect(asked.rows).toEqual([{ id: expect.any(String) as unknown, proposed_track: proposed, reason: REASON, requested_by: referentId, requested_on: parisToday() }]);
    const requestId = asked.rows[0]!.id;
    await expect.poll(() => panel.locator('.waiting').textContent(), soon).toContain(`Demande de réorientation en attente vers le parcours ${LABELS[proposed]}`);
    // One request at a time: the form gives way to the request waiting.
    expect(await page.getByRole('form', { name: 'Demander une réorientation' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'reorientation-demandee');
    await page.close();

    // A référent has no list of the Département's requests.
    const referentList = await ui.pageAs('REFERENT');
    expect((await ui.open(referentList, '/reorientations'))?.status()).toBe(403);
    await referentList.close();

    // The administrator: the list, a refusal without a reason refused, then the acceptance.
    const admin = await ui.pageAs('ADMIN');
    await ui.open(admin, '/reorientations');
    const line = admin.locator(`tr[data-request="${requestId}"]`);
    await expect.poll(() => line.count(), soon).toBe(1);
    expect(await line.textContent()).toContain(REASON);
    expect(await line.textContent()).toContain(LABELS[proposed]);
    await expectAccessible(admin);
    await screenshot(admin, 'reorientations-a-decider');
    await line.getByRole('button', { name: 'Refuser' }).click();
    await expect.poll(() => line.locator('.error').first().textContent(), soon).toBe('Indiquez le motif du refus.');
    expect((await ui.system.db.query<{ status: string }>('select status from beneficiaries.reorientation_request where id = $1', [requestId])).rows[0]!.status).toBe('REQUESTED');
    await line.getByLabel('Structure référente, si vous acceptez').selectOption('DEPARTMENT');
    await line.getByLabel('Difficultés de santé (dont santé mentale, handicap)').check();
    await line.getByRole('button', { name: 'Accepter' }).click();
    await expect.poll(() => admin.getByRole('status').first().textContent(), soon).toBe('Réorientation acceptée : la nouvelle orientation est enregistrée dans l’historique de la personne.');
    const decided = await ui.system.db.query(
      `select r.status, r.decided_by, r.decided_on::text, o.track, o.lead_kind, o.criteria, o.decided_on::text as o_decided, o.notified_on::text, o.reason, o.previous_orientation_id, o.source, b.orientation_kind
         from beneficiaries.reorientation_request r join beneficiaries.orientation o on o.id = r.resulting_orientation_id join beneficiaries.beneficiary b on b.id = r.beneficiary_id
        where r.id = $1`,
      [requestId],
    );
    expect(decided.rows).toEqual([
      {
        status: 'ACCEPTED',
        decided_by: adminId,
        decided_on: parisToday(),
        track: proposed,
        lead_kind: 'DEPARTMENT',
        criteria: ['HEALTH'],
        o_decided: parisToday(),
        notified_on: null,
        reason: REASON,
        previous_orientation_id: person.orientation_id,
        source: 'DEPARTMENT',
        orientation_kind: proposed,
      },
    ]);
    expect(await admin.locator(`tr[data-request="${requestId}"]`).count()).toBe(0);
    // Every step is in the access log.
    const audit = await ui.system.db.query<{ user_id: string; operation: string; record_type: string }>(
      `select user_id, operation, record_type from audit.access_log where $1 = any(record_ids) order by id`,
      [requestId],
    );
    expect(audit.rows.filter((r) => r.operation !== 'READ')).toEqual([
      { user_id: referentId, operation: 'CREATE', record_type: 'ReorientationRequest' },
      { user_id: adminId, operation: 'UPDATE', record_type: 'ReorientationRequest' },
    ]);

    // Then the notification, from the person's page: the contrat d'engagement is due within a month of it.
    await ui.open(admin, `/parcours/${person.id}`);
    const newest = admin.locator('section[aria-labelledby="titre-orientation"] table.orientations tbody tr').first();
    await newest.getByRole('button', { name: 'Enregistrer la notification' }).click();
    await expect.poll(() => admin.getByRole('status').first().textContent(), soon).toBe('Notification enregistrée : le contrat d’engagement est à signer dans le mois.');
    const notified = await ui.system.db.query<{ notified_on: string }>(
      'select o.notified_on::text from beneficiaries.orientation o join beneficiaries.reorientation_request r on r.resulting_orientation_id = o.id where r.id = $1',
      [requestId],
    );
    expect(notified.rows).toEqual([{ notified_on: parisToday() }]);
    await admin.close();

    // Back on the référent's side: the new orientation heads the history, the request is accepted.
    const again = await ui.pageAs('REFERENT');
    await ui.open(again, `/parcours/${person.id}`);
    const history = again.locator('section[aria-labelledby="titre-orientation"]');
    await expect.poll(() => history.getByTestId('parcours-actuel').textContent(), soon).toContain(`Parcours actuel : ${LABELS[proposed]}`);
    const rows = history.locator('table.orientations tbody tr');
    expect(await rows.first().textContent()).toContain(REASON);
    expect(await rows.first().textContent()).toContain('Département');
    // The référent sees the day notified, with no form to change it.
    expect(await rows.first().getByRole('button', { name: 'Enregistrer la notification' }).count()).toBe(0);
    expect(await history.locator(`table.requests tr[data-request="${requestId}"]`).textContent()).toContain('Acceptée');
    await screenshot(again, 'reorientation-acceptee');
    await again.close();
  });
});
