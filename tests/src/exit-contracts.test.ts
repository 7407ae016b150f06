import { CallerTokenSigner, ServiceTokenSigner } from '@passerelles/subgraph-kit/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';

/**
 * An exit recorded in beneficiaries ends the contract in force in contracts (ADR 0021): the event
 * is written with the exit and delivered by beneficiaries' outbox relay, through a hung contracts
 * and a crashed beneficiaries; contracts accepts it from beneficiaries only, with the services' key.
 */
let system: TestSystem;
let admin: string;
const ADMIN = 'admin.62@demo.passerelles.fr';
const PASSWORD = 'demo-passerelles-2026';
const today = new Date().toISOString().slice(0, 10);

interface Person {
  beneficiary_id: string;
  accompaniment_id: string;
  contract_id: string;
}

/** People of the demo with an accompaniment in progress, a CER in force today, and no appointment left open up to today. */
async function peopleWithCerInForce(count: number): Promise<Person[]> {
  const { rows } = await system.db.query<Person>(
    `select a.beneficiary_id, a.id as accompaniment_id, c.id as contract_id
       from beneficiaries.accompaniment a
       join contracts.engagement_contract c on c.accompaniment_id = a.id and c.status in ('SIGNED', 'RENEWAL_REQUESTED') and c.starts_on < $1::date and c.ends_on >= $1::date
      where a.department_code = '62' and a.ended_on is null and a.started_on < $1::date and (a.final_review_on is null or a.final_review_on <= $1::date)
        and not exists (select 1 from beneficiaries.appointment p where p.accompaniment_id = a.id and p.status = 'PLANNED' and p.scheduled_on <= $1::date)
      order by a.id limit $2`,
    [today, count],
  );
  if (rows.length < count) throw new Error(`the demo has only ${rows.length} such people`);
  return rows;
}

async function recordExit(person: Person): Promise<void> {
  const answer = await gatewayQuery<{ recordExit: { ok: boolean; error: { code: string } | null } }>(
    system,
    admin,
    `mutation ($input: RecordExitInput!) { recordExit(input: $input) { ok error { code } } }`,
    { input: { accompanimentId: person.accompaniment_id, endedOn: today, reason: 'DYNAMIC_EXIT' } },
  );
  expect(answer.errors).toEqual([]);
  expect(answer.data?.recordExit).toEqual({ ok: true, error: null });
}

async function contractOf(person: Person): Promise<{ id: string; status: string; endsOn: string; finalAssessment: string | null } | undefined> {
  const answer = await gatewayQuery<{ beneficiary: { contracts: { id: string; status: string; endsOn: string; finalAssessment: string | null }[] } }>(
    system,
    admin,
    `query ($id: ID!) { beneficiary(id: $id) { contracts { id status endsOn finalAssessment } } }`,
    { id: person.beneficiary_id },
  );
  return answer.data?.beneficiary.contracts.find((c) => c.id === person.contract_id);
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const outboxOf = async (person: Person): Promise<{ attempts: number; delivered_at: Date | null; last_error: string | null } | undefined> =>
  (await system.db.query<{ attempts: number; delivered_at: Date | null; last_error: string | null }>(`select attempts, delivered_at, last_error from beneficiaries.outbox where event_key = $1`, [person.accompaniment_id])).rows[0];

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: true, withDashboard: false });
  admin = await login(system, ADMIN, PASSWORD);
}, 240_000);
afterAll(async () => {
  await system?.stop();
});

describe('an exit', () => {
  it('ends the CER in force on the exit day, and contracts then refuses a new one for that accompaniment', async () => {
    const [person] = await peopleWithCerInForce(1);
    await recordExit(person!);
    const ended = await until('the CER to end', async () => {
      const contract = await contractOf(person!);
      return contract?.status === 'ENDED' ? contract : null;
    });
    expect(ended).toMatchObject({ endsOn: today, finalAssessment: `Clos par la sortie du dispositif le ${today.split('-').reverse().join('/')}.` });
    expect((await outboxOf(person!))?.delivered_at).not.toBeNull();

    const refused = await gatewayQuery<{ createContract: { ok: boolean; error: { code: string; field: string | null } | null } }>(
      system,
      admin,
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { ok error { code field } } }`,
      { input: { beneficiaryId: person!.beneficiary_id, accompanimentId: person!.accompaniment_id, kind: 'CER', startsOn: today, signedOn: today } },
    );
    expect(refused.data?.createContract).toEqual({ ok: false, error: { code: 'ACCOMPANIMENT_ENDED', field: 'accompanimentId' } });
  });

  it('reaches contracts after contracts hung and beneficiaries crashed in between', async () => {
    const [, person] = await peopleWithCerInForce(2);
    const contracts = system.services.find((s) => s.name === 'contracts')!;
    const beneficiaries = system.services.find((s) => s.name === 'beneficiaries')!;
    const contractsPid = contracts.child.pid!;
    process.kill(contractsPid, 'SIGSTOP');
    try {
      await recordExit(person!);
      // The relay tried and failed (contracts does not answer): the event waits, the exit stands.
      const pending = await until('a failed delivery', async () => {
        const row = await outboxOf(person!);
        return row && row.attempts > 0 ? row : null;
      });
      expect(pending.delivered_at).toBeNull();
      expect(pending.last_error).toMatch(/contracts|accompaniment-closed/);
      // Beneficiaries dies with the event undelivered, and is started again by the launcher.
      const beneficiariesPid = beneficiaries.child.pid;
      process.kill(beneficiariesPid!, 'SIGKILL');
      await beneficiaries.restarted(beneficiariesPid);
    } finally {
      // Contracts is killed while hung, and started again too.
      process.kill(contractsPid, 'SIGKILL');
    }
    await contracts.restarted(contractsPid);
    const ended = await until('the CER to end', async () => {
      const contract = await contractOf(person!);
      return contract?.status === 'ENDED' ? contract : null;
    });
    expect(ended.endsOn).toBe(today);
    expect((await outboxOf(person!))?.delivered_at).not.toBeNull();
  });
});

describe("contracts' door for events", () => {
  const event = { id: '00000000-0000-4000-8000-000000000001', key: '00000000-0000-4000-8000-000000000002', payload: { accompanimentId: '00000000-0000-4000-8000-000000000002', beneficiaryId: '00000000-0000-4000-8000-000000000003', endedOn: '2026-01-31', reason: 'DYNAMIC_EXIT' } };
  const post = (path: string, token: string | null, body: unknown = event): Promise<Response> =>
    fetch(`${new URL(system.urls.subgraphs['contracts']!).origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const closedCount = async (): Promise<number> => Number((await system.db.query<{ n: string }>(`select count(*) as n from contracts.closed_accompaniment where accompaniment_id = $1`, [event.key])).rows[0]!.n);

  it('opens to beneficiaries with the services’ key only, and refuses a malformed event', async () => {
    const asBeneficiaries = await (await ServiceTokenSigner.fromPem('beneficiaries', system.serviceKeys.privateKeyPem)).sign('62');
    const asFunding = await (await ServiceTokenSigner.fromPem('funding', system.serviceKeys.privateKeyPem)).sign('62');
    // A caller token the gateway signed is not a service token, and the gateway's key is not the services'.
    const callerToken = await (await CallerTokenSigner.fromPem(system.keys.privateKeyPem)).sign({ userId: 'u', role: 'ADMIN', departmentCode: '62', territoryIds: [], partnerId: null }, 'c');
    const forgedWithGatewayKey = await (await ServiceTokenSigner.fromPem('beneficiaries', system.keys.privateKeyPem)).sign('62');

    expect((await post('/internal/accompaniment-closed', null)).status).toBe(401);
    expect((await post('/internal/accompaniment-closed', callerToken)).status).toBe(401);
    expect((await post('/internal/accompaniment-closed', forgedWithGatewayKey)).status).toBe(401);
    expect((await post('/internal/accompaniment-closed', asFunding)).status).toBe(403);
    const malformed = await post('/internal/accompaniment-closed', asBeneficiaries, { ...event, payload: { ...event.payload, endedOn: '31/01/2026' } });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('endedOn');
    expect((await post('/internal/unknown-topic', asBeneficiaries)).status).toBe(404);
    // A service token opens no GraphQL door.
    expect((await post('/graphql', asBeneficiaries, { query: '{ __typename }' })).status).toBe(401);
    expect(await closedCount()).toBe(0);

    expect((await post('/internal/accompaniment-closed', asBeneficiaries)).status).toBe(200);
    expect((await post('/internal/accompaniment-closed', asBeneficiaries)).status).toBe(200);
    expect(await closedCount()).toBe(1);
  });
});

describe('a contract signed', () => {
  // The way back (ADR 0021): contracts tells beneficiaries of each signature, which the legal delay
  // chain and the CONTRACT_DUE alert read where the orientations are.
  it('reaches beneficiaries: the CONTRACT_DUE alert ends and the signature counts in the delay chain', async () => {
    // A person followed today, with no contract in force, whose current orientation was notified 25 days ago.
    const { rows } = await system.db.query<{ beneficiary_id: string; accompaniment_id: string }>(
      `select a.beneficiary_id, a.id as accompaniment_id from beneficiaries.accompaniment a
        where a.department_code = '62' and a.ended_on is null and a.started_on < $1::date
          and not exists (select 1 from contracts.engagement_contract c where c.beneficiary_id = a.beneficiary_id and c.ends_on >= $1::date)
        order by a.id desc limit 1`,
      [today],
    );
    const person = rows[0]!;
    const notifiedOn = (await system.db.query<{ day: string }>(`select to_char($1::date - 25, 'YYYY-MM-DD') as day`, [today])).rows[0]!.day;
    await system.db.query(
      `insert into beneficiaries.orientation (id, department_code, beneficiary_id, track, lead_kind, decided_on, notified_on, source, recorded_by)
       values (gen_random_uuid(), '62', $1, 'SOCIAL', 'DEPARTMENT', $2::date - 3, $2::date, 'DEPARTMENT', 'test')`,
      [person.beneficiary_id, notifiedOn],
    );
    const due = async (): Promise<string[]> => {
      const answer = await gatewayQuery<{ caseload: { nodes: { id: string }[] } }>(system, admin, `query ($id: ID!) { caseload(first: 10, alert: CONTRACT_DUE, among: [$id]) { nodes { id } } }`, { id: person.beneficiary_id });
      expect(answer.errors).toEqual([]);
      return answer.data!.caseload.nodes.map((n) => n.id);
    };
    expect(await due()).toContain(person.beneficiary_id);

    const created = await gatewayQuery<{ createContract: { ok: boolean; error: { code: string; field: string | null } | null; contract: { id: string } | null } }>(
      system,
      admin,
      `mutation ($input: CreateContractInput!) { createContract(input: $input) { ok error { code field } contract { id } } }`,
      {
        input: {
          beneficiaryId: person.beneficiary_id,
          accompanimentId: person.accompaniment_id,
          kind: 'CONTRAT_ENGAGEMENT',
          startsOn: today,
          signedOn: today,
          commitments: [],
          plan: { track: 'SOCIAL', actions: [{ label: 'Atelier de remobilisation', weeklyHours: 15, weeks: 52 }], reviewDates: [] },
        },
      },
    );
    expect(created.errors).toEqual([]);
    expect(created.data?.createContract.error).toBeNull();
    const contractId = created.data!.createContract.contract!.id;
    const received = await until('the signature in beneficiaries', async () =>
      (await system.db.query<{ kind: string; signed_on: string }>(`select kind, to_char(signed_on, 'YYYY-MM-DD') as signed_on from beneficiaries.contract_signature where contract_id = $1`, [contractId])).rows[0],
    );
    expect(received).toEqual({ kind: 'CONTRAT_ENGAGEMENT', signed_on: today });
    expect(await due()).not.toContain(person.beneficiary_id);
    const event = (await system.db.query<{ delivered_at: Date | null }>(`select delivered_at from contracts.outbox where payload->>'contractId' = $1`, [contractId])).rows[0];
    expect(event?.delivered_at).not.toBeNull();
  });
});
