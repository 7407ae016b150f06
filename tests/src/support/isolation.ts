import { isDeepStrictEqual } from 'node:util';
import type { RunningSystem } from '@passerelles/gateway/system';
import { sessionCookie } from './system.js';

/** A signed-in caller of the isolation suite. */
export interface IsolationCaller {
  name: string;
  token: string;
}

export interface PanelOperation {
  name: string;
  /** The trusted document's id. */
  id: string;
  variables: Record<string, unknown>;
}

/** What the gateway answered: the HTTP status and the parsed body, compared whole. */
export interface Answer {
  status: number;
  body: unknown;
}

export interface Mismatch {
  caller: string;
  operation: string;
  alone: Answer;
  concurrent: Answer;
}

/**
 * Every caller × every operation, sent alone (the reference) and in concurrent bursts; a burst
 * returns the answers that differ from the reference. Requests go by trusted-document id, as the
 * dashboard sends them in production.
 */
export function callerPanel(system: RunningSystem, callers: IsolationCaller[], operations: PanelOperation[]) {
  const reference = new Map<string, Answer>();
  const key = (caller: string, operation: string): string => `${caller}\u0000${operation}`;
  let sent = 0;

  const send = async (caller: IsolationCaller, operation: PanelOperation): Promise<Answer> => {
    sent++;
    const response = await fetch(system.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', cookie: sessionCookie(caller.token) },
      body: JSON.stringify({ variables: operation.variables, extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } }),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body };
  };

  const compare = async (pairs: [IsolationCaller, PanelOperation][]): Promise<Mismatch[]> => {
    const answers = await Promise.all(pairs.map(([caller, operation]) => send(caller, operation)));
    return pairs.flatMap(([caller, operation], i) => {
      const alone = reference.get(key(caller.name, operation.name))!;
      return isDeepStrictEqual(alone, answers[i]) ? [] : [{ caller: caller.name, operation: operation.name, alone, concurrent: answers[i]! }];
    });
  };

  const everyPair = (): [IsolationCaller, PanelOperation][] => callers.flatMap((caller) => operations.map((operation) => [caller, operation] as [IsolationCaller, PanelOperation]));

  return {
    /** Each pair alone, one request at a time, twice; `unstable` lists the pairs whose two answers differ. */
    async sequential() {
      const unstable: string[] = [];
      for (const [caller, operation] of everyPair()) {
        const first = await send(caller, operation);
        const second = await send(caller, operation);
        if (!isDeepStrictEqual(first, second)) unstable.push(`${caller.name}: ${operation.name}`);
        reference.set(key(caller.name, operation.name), first);
      }
      // A document the gateway refuses (400: a variable missing since the dashboard changed it) would
      // answer every caller alike, and a leak through it would go unseen: the reference must be real answers.
      const failed = [...reference].filter(([, answer]) => answer.status !== 200).map(([k, answer]) => `${k.replace('\u0000', ': ')} (${answer.status})`);
      if (failed.length > 0) throw new Error(`The reference answers are not all answers: ${failed.join(', ')}`);
      return { unstable, answer: (caller: string, operation: string): Answer | undefined => reference.get(key(caller, operation)) };
    },
    /** For each operation, every caller sends it at the same moment, `rounds` times over. */
    async sameDocumentBursts(rounds: number): Promise<Mismatch[]> {
      const mismatches: Mismatch[] = [];
      for (const operation of operations) {
        const burst = Array.from({ length: rounds }, () => callers.map((caller) => [caller, operation] as [IsolationCaller, PanelOperation])).flat();
        mismatches.push(...(await compare(burst)));
      }
      return mismatches;
    },
    /** Every operation of every caller, `rounds` times, shuffled, all in flight together. */
    async shuffledBurst(rounds: number): Promise<Mismatch[]> {
      const pairs = Array.from({ length: rounds }, everyPair).flat();
      // A fixed shuffle (a linear congruential sequence): a failure replays the same way.
      let seed = 42;
      for (let i = pairs.length - 1; i > 0; i--) {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        const j = seed % (i + 1);
        [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
      }
      return compare(pairs);
    },
    requestsSent: (): number => sent,
  };
}
