import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Caller } from '@passerelles/subgraph-kit';
import { execute, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';

/**
 * Where the factories write, and as whom. Partners and services go through the API rather than
 * straight into their tables: after each write the service layer recomputes a service's derived
 * search columns and open weeks (directory/search.ts `refreshDerived`), which a bare insert would
 * leave out.
 */
export interface PartnersApi {
  schema: GraphQLSchema;
  orm: MikroORM;
  caller: Caller;
}

async function mutate<T extends { ok: boolean }>(api: PartnersApi, source: string, variables: Record<string, unknown>): Promise<T> {
  const { data, errors } = await execute<{ r: T }>(api.schema, testContext(api.orm, api.caller), source, variables);
  if (errors.length > 0) throw new Error(errors.join('; '));
  if (!data?.r.ok) throw new Error(`The API refused ${JSON.stringify(variables)}`);
  return data.r;
}

/** A structure, from PartnerInput fields (GraphQL names and enum values): a fresh name and ASSOCIATION unless given. */
export async function newPartner(api: PartnersApi, input: { communeCode: string } & Record<string, unknown>): Promise<string> {
  const r = await mutate<{ ok: boolean; partner: { id: string } }>(api, 'mutation ($input: PartnerInput!) { r: createPartner(input: $input) { ok partner { id } } }', {
    input: { name: `Structure ${randomUUID().slice(0, 6)}`, kind: 'ASSOCIATION', ...input },
  });
  return r.partner.id;
}

/** A service of a structure, from ServiceInput fields (a fresh name unless given), with its places when given. */
export async function newService(api: PartnersApi, partnerId: string, input: Record<string, unknown>, capacity: { places?: number } = {}): Promise<string> {
  const r = await mutate<{ ok: boolean; service: { id: string } }>(api, 'mutation ($p: ID!, $input: ServiceInput!) { r: createService(partnerId: $p, input: $input) { ok service { id } } }', {
    p: partnerId,
    input: { name: `Service ${randomUUID().slice(0, 6)}`, ...input },
  });
  if (capacity.places !== undefined) {
    await mutate(api, 'mutation ($id: ID!, $places: Int) { r: updateServiceCapacity(id: $id, capacity: { places: $places }) { ok } }', { id: r.service.id, places: capacity.places });
  }
  return r.service.id;
}
