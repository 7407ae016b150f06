import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { ServiceSender } from '../identity/service-token.js';

/**
 * What a subgraph does when another one tells it that something happened (an event of the
 * emitter's outbox, ADR 0021). Served on `POST /internal/<topic>` with a service token; delivered
 * at least once, so a handler must be idempotent (the event's `id` and `key` say which it is).
 */
export interface InternalHandler<P extends z.ZodType = z.ZodType> {
  /** The services allowed to send this event. */
  from: readonly string[];
  /** The payload's shape: anything else is answered 400 and not retried as if it could succeed. */
  payload: P;
  handle(event: ReceivedEvent<z.infer<P>>): Promise<void>;
}

export interface ReceivedEvent<P> {
  id: string;
  /** What the event is about (e.g. the accompaniment's id): events of one key arrive in order. */
  key: string;
  sender: ServiceSender;
  payload: P;
  /** A fresh EntityManager of the receiver. */
  em: EntityManager;
}

/** Builds a handler with its payload type inferred from the schema. */
export function internalHandler<P extends z.ZodType>(handler: InternalHandler<P>): InternalHandler<P> {
  return handler;
}

/** The body the relay posts. */
export interface DeliveredEvent {
  id: string;
  key: string;
  payload: unknown;
}
