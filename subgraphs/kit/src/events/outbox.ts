import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ServiceTokenSigner } from '../identity/service-token.js';
import type { DeliveredEvent } from './internal.js';
import { Passes } from './passes.js';

/**
 * The transactional outbox (ADR 0021): a subgraph that must tell another one about a change of
 * its data writes the event in its own schema, in the transaction of the change — so there is no
 * change without its event, nor event without its change — and a relay delivers it afterwards,
 * again and again until the receiver acknowledges it (a receiver that is down, or a crash between
 * the commit and the delivery, only delays it).
 */
export interface OutboxEvent {
  departmentCode: string;
  topic: string;
  /** What the event is about: the relay delivers the events of one key in the order they were written. */
  key: string;
  payload: Record<string, unknown>;
}

/** The outbox table, for the emitter's migration. */
export function outboxTableSql(schema: string): string {
  return [
    `create table if not exists ${schema}.outbox (
      id uuid primary key,
      department_code text not null,
      topic text not null,
      event_key text not null,
      payload jsonb not null,
      created_at timestamptz not null default clock_timestamp(),
      delivered_at timestamptz,
      attempts int not null default 0,
      next_attempt_at timestamptz not null default clock_timestamp(),
      last_error text
    );`,
    `create index if not exists outbox_pending on ${schema}.outbox (next_attempt_at) where delivered_at is null;`,
  ].join('\n');
}

/** Writes an event in the current transaction of `em` (call it inside `em.transactional`). */
export async function enqueueEvent(em: EntityManager, schema: string, event: OutboxEvent): Promise<string> {
  const id = randomUUID();
  await em.execute(`insert into ${schema}.outbox (id, department_code, topic, event_key, payload) values (?, ?, ?, ?, ?::jsonb)`, [
    id,
    event.departmentCode,
    event.topic,
    event.key,
    JSON.stringify(event.payload),
  ]);
  return id;
}

interface PendingRow {
  id: string;
  department_code: string;
  topic: string;
  event_key: string;
  payload: unknown;
  attempts: number;
}

export interface OutboxRelayOptions {
  orm: MikroORM;
  schema: string;
  /** Base URL of the receiving service of each topic (`http://host:port`). */
  destinations: Record<string, string>;
  signer: ServiceTokenSigner;
  log: (line: string) => void;
  /** How often pending events are looked for besides the kicks (ms). */
  pollMs?: number;
  /** How long a delivery may take before it counts as failed (ms). */
  timeoutMs?: number;
}

const BATCH = 50;
/** Waits after a failed delivery: 1 s, 2 s, 4 s… capped at 5 minutes. */
const backoffSeconds = (attempts: number): number => Math.min(2 ** attempts, 300);

const relays = new Map<string, OutboxRelay>();

/** Asks the relay of `schema` (in this process) to deliver now: call it after the transaction that enqueued. */
export function kickOutbox(schema: string): void {
  void relays.get(schema)?.kick();
}

export class OutboxRelay {
  private readonly passes: Passes;

  constructor(private readonly options: OutboxRelayOptions) {
    this.passes = new Passes(() => this.drain(), (line) => options.log(`[outbox] ${options.schema}: ${line}`), options.pollMs ?? 5_000);
  }

  start(): void {
    relays.set(this.options.schema, this);
    this.passes.start();
  }

  /** Delivers what is due, now or right after the pass in progress; resolves when it is done. */
  kick(): Promise<void> {
    return this.passes.kick();
  }

  async stop(): Promise<void> {
    relays.delete(this.options.schema);
    await this.passes.stop();
  }

  /**
   * One pass: the due events, oldest first, locked so that two relays (two replicas) never deliver
   * the same one at once; after a failure, the later events of the same key wait for the next pass
   * so that they arrive in order.
   */
  async drain(): Promise<void> {
    const { orm, schema } = this.options;
    for (;;) {
      const delivered = await orm.em.fork().transactional(async (em) => {
        const rows = await em.execute<PendingRow[]>(
          `select id, department_code, topic, event_key, payload, attempts from ${schema}.outbox
            where delivered_at is null and next_attempt_at <= clock_timestamp()
            order by created_at limit ${BATCH} for update skip locked`,
        );
        const blocked = new Set<string>();
        for (const row of rows) {
          if (blocked.has(row.event_key)) continue;
          const failure = await this.deliver(row);
          if (failure === null) {
            await em.execute(`update ${schema}.outbox set delivered_at = clock_timestamp(), attempts = attempts + 1, last_error = null where id = ?`, [row.id]);
          } else {
            blocked.add(row.event_key);
            await em.execute(
              `update ${schema}.outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = clock_timestamp() + make_interval(secs => ?) where id = ?`,
              [failure.slice(0, 500), backoffSeconds(row.attempts), row.id],
            );
          }
        }
        return rows.length;
      });
      if (delivered < BATCH) return;
    }
  }

  /** Posts one event; null when the receiver acknowledged it, else why not. */
  private async deliver(row: PendingRow): Promise<string | null> {
    const base = this.options.destinations[row.topic];
    if (!base) return `no destination configured for ${row.topic}`;
    const body: DeliveredEvent = { id: row.id, key: row.event_key, payload: row.payload };
    try {
      const response = await fetch(`${base}/internal/${row.topic}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.options.signer.sign(row.department_code)}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
      if (response.ok) return null;
      const failure = `${row.topic} answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
      this.options.log(`[outbox] ${failure} (event ${row.id}, attempt ${row.attempts + 1})`);
      return failure;
    } catch (error) {
      return `${row.topic} unreachable: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
