import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './calendar.js';

describe('calendar days', () => {
  it('adds days across the ends of months and years, and of February in leap years', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-03-30', 2)).toBe('2025-04-01'); // the night of the change to summer time in Paris
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-06-15', 0)).toBe('2025-06-15');
    expect(addDays('2025-01-01', -730)).toBe('2023-01-02');
  });

  it('adds months, clamped to the end of a shorter month', () => {
    expect(addMonths('2025-01-15', 1)).toBe('2025-02-15');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-08-31', 1)).toBe('2025-09-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-10-31', 2)).toBe('2025-12-31');
  });

  it('takes months away, clamped the same way', () => {
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
    expect(addMonths('2025-05-31', -5)).toBe('2024-12-31');
    expect(addMonths('2025-07-31', -13)).toBe('2024-06-30');
  });

  it('counts the days between two days, negative backwards', () => {
    expect(daysBetween('2025-01-01', '2025-01-02')).toBe(1);
    expect(daysBetween('2025-01-02', '2025-01-01')).toBe(-1);
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2025-06-15', '2025-06-15')).toBe(0);
    expect(daysBetween('2025-02-10', addDays('2025-02-10', 400))).toBe(400);
  });

  it('agrees with PostgreSQL’s date + interval for every day of a leap year and its neighbours', async () => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
    await client.connect();
    try {
      const { rows } = await client.query<{ day: string; months: number; pg: string }>(
        `select day::date::text as day, months, (day + make_interval(months => months))::date::text as pg
           from generate_series('2023-11-01'::date, '2025-03-31'::date, interval '1 day') as day,
                unnest(array[-13, -5, -1, 1, 5, 6, 12, 13]) as months`,
      );
      expect(rows.length).toBe(517 * 8);
      const differing = rows.filter((r) => addMonths(r.day, r.months) !== r.pg);
      expect(differing).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
