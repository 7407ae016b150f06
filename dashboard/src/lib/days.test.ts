import { describe, expect, it } from 'vitest';
import { formatDay, formatMoment, formatShortDay, parisToday } from './days';

describe('days', () => {
  it('writes ISO days in French, whatever the time zone', () => {
    expect(formatDay('2026-03-31')).toBe('31 mars 2026');
    expect(formatDay('2025-01-01')).toBe('1er janvier 2025');
    expect(formatDay('2025-01-11')).toBe('11 janvier 2025');
    expect(formatDay(null)).toBe('—');
    expect(formatShortDay('2026-12-01')).toBe('1er déc. 2026');
    expect(formatShortDay('2026-11-21')).toBe('21 nov. 2026');
  });

  it('writes instants in Paris time', () => {
    expect(formatMoment('2026-12-01T13:05:00Z')).toMatch(/^1er déc\. 2026,? (à )?14:05$/);
    expect(formatMoment(null)).toBe('—');
  });

  it('takes today in Paris, not in UTC', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris (winter time, UTC+1).
    expect(parisToday(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(parisToday(new Date('2025-07-01T21:59:00Z'))).toBe('2025-07-01');
  });
});
