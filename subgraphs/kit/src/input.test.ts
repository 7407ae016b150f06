import 'reflect-metadata';
import { graphql, GraphQLError, type GraphQLSchema } from 'graphql';
import { Arg, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskError, userInputError } from './errors.js';
import { inputFormatOf, TakesFiles } from './input.js';
import { buildFederatedSchema } from './schema.js';

/** Database refusals of a caller's input become errors the caller can act on; nothing else does. */
describe('userInputError', () => {
  const driverError = (sqlState: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code: sqlState, ...extra });

  it('names the malformed value of an id or number', () => {
    const error = userInputError(driverError('22P02', 'invalid input syntax for type uuid: "undefined"'));
    expect(error?.message).toBe('Invalid value « undefined »: not an identifier or number of the expected form.');
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('finds the SQLSTATE under a wrapping error', () => {
    const wrapped = Object.assign(new Error('wrapped'), { cause: driverError('23503', 'insert or update violates foreign key constraint') });
    expect(userInputError(wrapped)?.extensions.code).toBe('NOT_FOUND');
  });

  it('maps values out of range, missing and duplicate', () => {
    expect(userInputError(driverError('22003', 'integer out of range'))?.message).toBe('A number is out of range.');
    expect(userInputError(driverError('23502', 'null value', { column: 'name' }))?.message).toBe('A required value is missing (name).');
    expect(userInputError(driverError('23514', 'check', { constraint: 'places_positive' }))?.message).toBe('A value is outside what is allowed (places_positive).');
  });

  it('leaves every other error alone (it stays internal, masked and logged)', () => {
    expect(userInputError(new Error('boom'))).toBeNull();
    expect(userInputError(driverError('57P01', 'terminating connection due to administrator command'))).toBeNull();
    expect(userInputError(driverError('ECONNREFUSED', 'connect ECONNREFUSED'))).toBeNull();
  });

  it('is what the error masking answers when a refusal gets past the fields (a reference resolver), without the SQL', () => {
    const driver = driverError('22P02', 'invalid input syntax for type uuid: "nope"');
    const masked = maskError({ message: 'select * from partners.partner where id = $1 - invalid input syntax', path: ['_entities', 0] }, new GraphQLError(driver.message, { originalError: driver, path: ['_entities', 0] }));
    expect(masked).toEqual({ message: 'Invalid value « nope »: not an identifier or number of the expected form.', path: ['_entities', 0], extensions: { code: 'BAD_USER_INPUT' } });
    expect(maskError({ message: 'boom' }, new Error('boom'))).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('inputFormatOf', () => {
  it('reads the formats from the schema’s names and types', () => {
    expect(inputFormatOf('id', 'ID')).toBe('uuid');
    expect(inputFormatOf('among', 'ID')).toBe('uuid');
    expect(inputFormatOf('referentId', 'String')).toBe('uuid');
    expect(inputFormatOf('territoryId', 'String')).toBe('territory');
    expect(inputFormatOf('territoryIds', 'ID')).toBe('territory');
    expect(inputFormatOf('signedOn', 'String')).toBeNull();
    expect(inputFormatOf('name', 'String')).toBeNull();
    expect(inputFormatOf('paid', 'String')).toBeNull();
    expect(inputFormatOf('dryRun', 'Boolean')).toBeNull();
  });
});

@InputType('ProbeInput')
class ProbeInput {
  @Field(() => ID)
  partnerId!: string;

  @Field(() => [String], { nullable: true })
  territoryIds?: string[];

  @Field(() => String, { nullable: true })
  startsOn?: string;

  @Field(() => String, { nullable: true })
  note?: string;
}

@Resolver()
class ProbeResolver {
  @Query(() => String)
  probe(@Arg('id', () => ID) id: string): string {
    return id;
  }

  @Mutation(() => Int)
  write(@Arg('input', () => ProbeInput) input: ProbeInput): number {
    return input.note?.length ?? 0;
  }

  @Mutation(() => Int)
  @TakesFiles()
  importFile(@Arg('csv', () => String) csv: string): number {
    return csv.length;
  }

  @Mutation(() => Int)
  failInDatabase(@Arg('places', () => Int) places: number): number {
    throw Object.assign(new Error(`value "${places}" is out of range for type smallint`), { code: '22003' });
  }
}

describe('every field of a federated schema', () => {
  let schema: GraphQLSchema;
  const run = async (source: string, variableValues: Record<string, unknown> = {}) => {
    const result = await graphql({ schema, source, variableValues });
    return { data: result.data, errors: result.errors?.map((e) => ({ message: e.message, code: e.extensions.code })) ?? [] };
  };
  const uuid = '0b6a1e2c-3d4f-4a5b-8c6d-7e8f9a0b1c2d';
  const write = (input: Record<string, unknown>) => run('mutation ($input: ProbeInput!) { write(input: $input) }', { input: { partnerId: uuid, ...input } });

  beforeAll(async () => {
    schema = await buildFederatedSchema({ resolvers: [ProbeResolver] });
  });

  it('refuses malformed ids before the resolver runs', async () => {
    expect(await run('query ($id: ID!) { probe(id: $id) }', { id: 'undefined' })).toEqual({ data: null, errors: [{ message: 'id: « undefined » is not an identifier.', code: 'BAD_USER_INPUT' }] });
    expect((await write({ partnerId: "' or 1=1 --" })).errors).toEqual([{ message: "input.partnerId: « ' or 1=1 -- » is not an identifier.", code: 'BAD_USER_INPUT' }]);
    expect((await write({ territoryIds: ['62-arrageois', 'x'.repeat(200)] })).errors[0]?.message).toBe(
      'input.territoryIds[1]: « xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… » is not a territory identifier (such as 62-arrageois).',
    );
    expect((await run('query ($id: ID!) { probe(id: $id) }', { id: uuid.toUpperCase() })).data).toEqual({ probe: uuid.toUpperCase() });
  });

  it('refuses oversized texts and NUL characters, and takes the rest (dates are the services’ to check)', async () => {
    expect((await write({ note: 'x'.repeat(10_001) })).errors).toEqual([{ message: 'input.note is too long: at most 10,000 characters.', code: 'BAD_USER_INPUT' }]);
    expect((await write({ note: 'a\u0000b' })).errors).toEqual([{ message: 'input.note contains a NUL character.', code: 'BAD_USER_INPUT' }]);
    expect(await write({ startsOn: '2026-02-30', territoryIds: ['62-arrageois', '2A-ajaccio'], note: "'; drop table x; --" })).toEqual({ data: { write: 19 }, errors: [] });
  });

  it('lets a field that takes files carry more than 10 000 characters', async () => {
    expect(await run('mutation ($csv: String!) { importFile(csv: $csv) }', { csv: 'x'.repeat(2_000_000) })).toEqual({ data: { importFile: 2_000_000 }, errors: [] });
  });

  it('answers a database refusal of the input as the caller’s error', async () => {
    expect((await run('mutation { failInDatabase(places: 40000) }')).errors).toEqual([{ message: 'A number is out of range.', code: 'BAD_USER_INPUT' }]);
  });
});
