import { describe, expect, it } from 'vitest';
import { parseIsoDate, todayIso } from './dates.js';

describe('dates', () => {
  it('takes today in Paris, whatever the server’s time zone', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    expect(todayIso(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    // 21:59 UTC on 1 July is still 1 July in Paris (UTC+2 in summer), and 22:00 is the 2nd.
    expect(todayIso(new Date('2025-07-01T21:59:00Z'))).toBe('2025-07-01');
    expect(todayIso(new Date('2025-07-01T22:00:00Z'))).toBe('2025-07-02');
  });

  it('refuses a day that is not in the calendar, naming the argument', () => {
    expect(parseIsoDate('2025-02-28', 'on')).toBe('2025-02-28');
    expect(() => parseIsoDate('2025-02-30', 'period.to')).toThrow('period.to must be a date as YYYY-MM-DD (got "2025-02-30").');
  });
});
