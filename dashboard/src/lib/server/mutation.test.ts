import { afterEach, describe, expect, it, vi } from 'vitest';
import { GENERAL } from '../validation.ts';
import { DATA_SERVICE_DOWN, NOT_SAVED, sendMutation } from './mutation.ts';

vi.mock('./env', () => ({ serverEnv: { gatewayUrl: 'http://gateway.test/graphql', persistedOperations: false } }));

type Answer = { saveThing: { ok: boolean; error: { code: string } | null } | null };
const MUTATION = 'mutation M { saveThing { ok error { code } } }';
const answering = (body: unknown, status = 200): typeof globalThis.fetch =>
  (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof globalThis.fetch;
const options = {
  part: 'essai',
  resultOf: (data: Answer) => data.saveThing,
  refusal: (error: { code: string } | null) => ({ name: `Refusé : ${error?.code ?? 'sans code'}.` }),
};

afterEach(() => vi.restoreAllMocks());

describe('sendMutation', () => {
  it('gives the result when the API saved', async () => {
    const sent = await sendMutation(answering({ data: { saveThing: { ok: true, error: null } } }), MUTATION, {}, options);
    expect(sent).toEqual({ saved: { ok: true, error: null } });
  });

  it('turns a refusal of the API into field errors, status 400', async () => {
    const sent = await sendMutation(answering({ data: { saveThing: { ok: false, error: { code: 'TAKEN' } } } }), MUTATION, {}, options);
    expect(sent).toEqual({ status: 400, errors: { name: 'Refusé : TAKEN.' } });
  });

  it('says the save was not made when the subgraph gave no result, and logs why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const down = answering({ data: { saveThing: null }, errors: [{ message: 'paths down' }] });
    expect(await sendMutation(down, MUTATION, {}, options)).toEqual({ status: 503, errors: { [GENERAL]: NOT_SAVED } });
    expect(await sendMutation(down, MUTATION, {}, { ...options, noAnswer: 'La décision n’est pas enregistrée.' })).toEqual({ status: 503, errors: { [GENERAL]: 'La décision n’est pas enregistrée.' } });
    expect(warn).toHaveBeenCalledWith('[dashboard] essai: paths down');
  });

  it('says the data service is down when the gateway does not answer', async () => {
    const sent = await sendMutation(answering('busy', 502), MUTATION, {}, options);
    expect(sent).toEqual({ status: 503, errors: { [GENERAL]: DATA_SERVICE_DOWN } });
  });
});
