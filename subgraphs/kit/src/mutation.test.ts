import { describe, expect, it } from 'vitest';
import { UserFacingError } from './errors.js';
import { mutationError, Refusal, refusalOf } from './mutation.js';

describe('mutation refusals', () => {
  it('turns a refusal into the one error shape, with its field or null', () => {
    expect(refusalOf(new Refusal('OVERLAPPING_CER', 'Another CER is in force.', 'startsOn'))).toEqual({ code: 'OVERLAPPING_CER', message: 'Another CER is in force.', field: 'startsOn' });
    expect(refusalOf(new Refusal('NO_CHANGE', 'Nothing to change.'))).toEqual({ code: 'NO_CHANGE', message: 'Nothing to change.', field: null });
    expect(mutationError({ code: 'X', message: 'y' })).toEqual({ code: 'X', message: 'y', field: null });
  });

  it('names the argument of a malformed input as the field', () => {
    const refused = refusalOf(new UserFacingError('signedOn must be a date as YYYY-MM-DD (got "2026-02-30").', 'BAD_USER_INPUT', { argument: 'signedOn' }));
    expect(refused).toEqual({ code: 'BAD_USER_INPUT', message: 'signedOn must be a date as YYYY-MM-DD (got "2026-02-30").', field: 'signedOn' });
  });

  it('leaves anything else to be thrown: a refusal of the role is not a refusal of the input', () => {
    expect(refusalOf(new UserFacingError('Your role may not change funding.', 'FORBIDDEN'))).toBeNull();
    expect(refusalOf(new Error('connection lost'))).toBeNull();
  });
});
