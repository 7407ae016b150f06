import { DEMO_PASSWORD } from '@passerelles/db';
import { schedulePublication } from '@passerelles/gateway/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';

/**
 * `npm start`'s schedule of the publication job (ADR 0023), on the demo: before its first run a
 * steering account reads nothing and is told so; the schedule starts the job at once, in a process
 * of its own, and its figures are then what that account reads.
 */
const FIGURES = `{ publication { gridName asOf } indicators(period: { from: "2025-01-01", to: "2025-12-31" }) { peopleWelcomed { value rule } } }`;
interface Figures {
  publication: { gridName: string | null; asOf: string } | null;
  indicators: { peopleWelcomed: { value: number | null; rule: string | null } };
}

let system: TestSystem;
let steering: string;

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: true, withDashboard: false });
  steering = await login(system, 'pilotage.62@demo.passerelles.fr', DEMO_PASSWORD);
}, 300_000);

afterAll(async () => {
  await system?.stop();
});

describe('the publication schedule of npm start', () => {
  it('publishes nothing before the first run, then the job it starts at once publishes every Département', async () => {
    const before = await gatewayQuery<Figures>(system, steering, FIGURES);
    expect(before.errors).toEqual([]);
    expect(before.data).toEqual({ publication: null, indicators: { peopleWelcomed: { value: null, rule: 'NOT_PUBLISHED' } } });

    const lines: string[] = [];
    const done = new Promise<void>((resolve) => {
      const schedule = schedulePublication(system.databaseUrls.beneficiaries, 24, (line) => {
        lines.push(line);
        if (/^\[publication\] 62 as of /.test(line)) {
          schedule.stop();
          resolve();
        }
      });
    });
    await done;
    // A Département never published starts at the third grid of the ladder (figures in seconds).
    expect(lines.some((l) => l.includes('auditing « Département par mois'))).toBe(false);
    expect(lines.find((l) => l.startsWith('[publication] 62 as of'))).toMatch(/« Département par trimestre, un territoire, programme ou opérateur par an »/);

    const after = await gatewayQuery<Figures>(system, steering, FIGURES);
    expect(after.errors).toEqual([]);
    expect(after.data!.publication?.gridName).toBe('Département par trimestre, un territoire, programme ou opérateur par an');
    expect(after.data!.indicators.peopleWelcomed.value).toBeGreaterThan(10);
  }, 600_000);
});
