import { describe, expect, it } from 'vitest';
import { personName, pseudonym } from './people.ts';

describe('people labels', () => {
  it('builds a stable pseudonym from the id', () => {
    expect(pseudonym('3f2a91c0-1234-4abc-8def-0123456789ab')).toBe('Personne 3F2A91C0');
  });
  it('uses the identity when it was read', () => {
    expect(personName({ id: '3f2a91c0-1234-4abc-8def-0123456789ab', identity: { firstName: 'Lina', lastName: 'Martin' } })).toBe('MARTIN Lina');
    expect(personName({ id: '3f2a91c0-1234-4abc-8def-0123456789ab', identity: null })).toBe('Personne 3F2A91C0');
  });
});
