import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from '../compose/compose.js';
import { baseChildEnv } from './env.js';

/**
 * Runs the beneficiaries' publication job (ADR 0023) for every Département now, then every
 * `everyHours`, in a process of its own (its solves are synchronous and take minutes): never two
 * runs at once, and the running one is stopped with the system. Until a Département's first run
 * ends, nothing is published to its callers without exact counts: a Département never published
 * starts at the third grid of the ladder (figures in a minute on the demo), later runs at the first.
 */
export function schedulePublication(databaseUrl: string, everyHours: number, log: (line: string) => void): { stop: () => void } {
  let running: ChildProcess | null = null;
  let stopped = false;
  const run = (): void => {
    if (running || stopped) return;
    const child = spawn(process.execPath, [resolve(repoRoot, 'subgraphs', 'beneficiaries', 'dist', 'publication', 'publication.cli.js'), '--first-start-at', '3'], {
      env: { ...baseChildEnv(), DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running = child;
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(line.startsWith('[publication]') ? line : `[publication] ${line}`);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('exit', (code) => {
      running = null;
      if (code !== 0 && !stopped) log(`[publication] the job stopped with code ${code}; the previous publication stays in use`);
    });
  };
  run();
  const timer = everyHours > 0 ? setInterval(run, everyHours * 3_600_000) : null;
  timer?.unref();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearInterval(timer);
      running?.kill();
    },
  };
}
