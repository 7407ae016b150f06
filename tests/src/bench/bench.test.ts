import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { repoRoot } from '@passerelles/db';
import { describe, expect, it } from 'vitest';
import type { Report } from './harness.js';
import { scalePopulation } from './scenarios/beneficiaries-indicators.js';
import { scenarios } from './scenarios/index.js';

/** The smallest scale population that still gives the scale scenarios (indicators, publication, Pilotage) something to read. */
const POPULATION = { size: '2000', years: '1' };

/**
 * `npm run bench` is run by hand, not in CI, so nothing else notices when a change breaks one of
 * its scenarios (an operation whose variables changed, a figure the gateway and SQL no longer
 * agree on). Once per test run, every scenario runs once on the demo data with a small scale
 * population: its own check of the answers first (`verify`), then one timed run, and the bench
 * must stop by itself. Times are not asserted (they are the bench's business, not a test's).
 */
describe('npm run bench', () => {
  it('runs every scenario once, each checking its answers first, and stops', async () => {
    const child = spawn(
      process.execPath,
      [resolve(repoRoot, 'tests', 'dist', 'bench', 'main.js'), '--iterations', '1', '--warmup', '0', '--population-size', POPULATION.size, '--population-years', POPULATION.years],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code, output.slice(-6000)).toBe(0);

    const file = /JSON report: (\S+\.json)/.exec(output)?.[1];
    expect(file, output.slice(-2000)).toBeDefined();
    const report = JSON.parse(await readFile(file!, 'utf8')) as Report;
    // The scale scenarios' names carry the population they ran on.
    scalePopulation(POPULATION);
    expect(report.results.map((r) => r.name)).toEqual(scenarios.map((s) => s.name));
    for (const result of report.results) {
      expect(result.stats.iterations, result.name).toBe(1);
      expect(result.stats.medianMs, result.name).toBeGreaterThan(0);
    }
  }, 12 * 60_000);
});
