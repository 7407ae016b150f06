import { describe, expect, it } from 'vitest';
import { userInputError } from './input.js';

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
});
