import { describe, expect, it } from 'vitest';
import { formatCount, formatEuros, formatWorkload } from './format';

// fr-FR digit grouping uses U+202F (narrow no-break space); the euro sign is preceded by U+00A0.
const NNBSP = '\u202F';
const NBSP = '\u00A0';

describe('formatCount', () => {
  it('leaves small numbers as they are', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(999)).toBe('999');
  });

  it('groups thousands with a narrow no-break space', () => {
    expect(formatCount(1000)).toBe(`1${NNBSP}000`);
    expect(formatCount(12345)).toBe(`12${NNBSP}345`);
    expect(formatCount(1234567)).toBe(`1${NNBSP}234${NNBSP}567`);
  });
});

describe('formatEuros', () => {
  it('converts cents to whole euros', () => {
    expect(formatEuros(0)).toBe(`0${NBSP}€`);
    expect(formatEuros(100_000)).toBe(`1${NNBSP}000${NBSP}€`);
    expect(formatEuros(250_000_000)).toBe(`2${NNBSP}500${NNBSP}000${NBSP}€`);
  });

  it('rounds to the nearest euro, halves away from zero', () => {
    expect(formatEuros(49)).toBe(`0${NBSP}€`);
    expect(formatEuros(150)).toBe(`2${NBSP}€`);
    expect(formatEuros(123_456_789)).toBe(`1${NNBSP}234${NNBSP}568${NBSP}€`);
  });

  it('handles amounts up to the SafeInt range', () => {
    expect(formatEuros(Number.MAX_SAFE_INTEGER)).toBe(`90${NNBSP}071${NNBSP}992${NNBSP}547${NNBSP}410${NBSP}€`);
  });
});

describe('formatWorkload', () => {
  it('says the weekly hours and the weeks of a service in French', () => {
    expect(formatWorkload(3, 12)).toBe('3 h par semaine pendant 12 semaines');
    expect(formatWorkload(3.5, 1)).toBe('3,5 h par semaine pendant 1 semaine');
    expect(formatWorkload(7.75, null)).toBe('7,75 h par semaine');
    expect(formatWorkload(null, 10)).toBe('pendant 10 semaines');
    expect(formatWorkload(0, 2)).toBe('0 h par semaine pendant 2 semaines');
    expect(formatWorkload(null, null)).toBeNull();
  });
});
