import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { ServiceSender } from '../identity/service-token.js';
import { LoaderRegistry, type SubgraphContext } from '../context.js';

/**
 * What a subgraph does when another one tells it that something happened (an event of the
 * emitter's outbox, ADR 0021), or asks it for figures it owns (an internal query: what it returns
 * is the answer). Served on `POST /internal/<topic>` with a service token; events are delivered at
 * least once, so an event's handler must be idempotent (the event's `id` and `key` say which it is).
 */
export interface InternalHandler<P extends z.ZodType = z.ZodType> {
  /** The services allowed to send this event. */
  from: readonly string[];
  /** The payload's shape: anything else is answered 400 and not retried as if it could succeed. */
  payload: P;
  handle(event: ReceivedEvent<z.infer<P>>): Promise<unknown>;
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

/**
 * The context an internal query runs its service functions in: the sender acts as an administrator
 * of the event's Département for that one request (the same functions, access rules and figures as
 * for users; exact counts), and is named `service:<name>` wherever a user would be.
 */
export function serviceContext(event: ReceivedEvent<unknown>): SubgraphContext {
  return {
    caller: { userId: `service:${event.sender.service}`, role: 'ADMIN', departmentCode: event.sender.departmentCode, territoryIds: [], partnerId: null },
    correlationId: event.id,
    em: event.em,
    loaders: new LoaderRegistry(),
  };
}
