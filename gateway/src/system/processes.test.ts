import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartDelay, startService, type ServiceProcess, type SupervisionPolicy } from './processes.js';

describe('restartDelay', () => {
  it('doubles from half a second, up to 30 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => restartDelay(attempt))).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
});

/** Real child processes (tiny scripts), with delays in tens of milliseconds. */
describe('a supervised service', () => {
  let dir: string;
  const script = (name: string): string => join(dir, name);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'passerelles-supervision-'));
    // Dies at once with code 3.
    await writeFile(script('crash.mjs'), 'process.exit(3);\n');
    // Runs until killed.
    await writeFile(script('serve.mjs'), 'setInterval(() => undefined, 1000);\n');
    // Runs 300 ms, then dies with code 1.
    await writeFile(script('late-crash.mjs'), 'setTimeout(() => process.exit(1), 300);\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const fast: SupervisionPolicy = { initialDelayMs: 50, maxDelayMs: 200, healthyAfterMs: 60_000 };
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (what: string, done: () => boolean, timeoutMs = 15_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await sleep(20);
    }
  };
  const supervised = (name: string, file: string, policy: SupervisionPolicy): { service: ServiceProcess; logs: string[] } => {
    const logs: string[] = [];
    return { service: startService(name, script(file), process.env, (line) => logs.push(line), { policy }), logs };
  };

  it('is started again after each death, the delay doubling up to its maximum, each restart logged', async () => {
    const { service, logs } = supervised('crashy', 'crash.mjs', fast);
    try {
      await until('five deaths', () => logs.length >= 5);
    } finally {
      await service.stop();
    }
    expect(logs.slice(0, 5)).toEqual([
      '[launcher] crashy exited (code 3); restarting in 0.05 s (attempt 1)',
      '[launcher] crashy exited (code 3); restarting in 0.1 s (attempt 2)',
      '[launcher] crashy exited (code 3); restarting in 0.2 s (attempt 3)',
      '[launcher] crashy exited (code 3); restarting in 0.2 s (attempt 4)',
      '[launcher] crashy exited (code 3); restarting in 0.2 s (attempt 5)',
    ]);
    const restarts = service.restarts;
    await sleep(500);
    expect(service.restarts).toBe(restarts);
  });

  it('comes back after a SIGKILL, and stop() ends it for good', async () => {
    const { service, logs } = supervised('server', 'serve.mjs', fast);
    try {
      const first = service.child.pid;
      process.kill(first!, 'SIGKILL');
      await service.restarted(first, 10_000);
      expect(service.child.pid).not.toBe(first);
      expect(service.restarts).toBe(1);
      expect(logs).toEqual(['[launcher] server exited (SIGKILL); restarting in 0.05 s (attempt 1)']);
    } finally {
      await service.stop();
    }
    expect(service.child.signalCode).toBe('SIGTERM');
    await sleep(300);
    expect(service.restarts).toBe(1);
    expect(service.child.exitCode !== null || service.child.signalCode !== null).toBe(true);
  });

  it('is not started again when stopped while a restart is pending', async () => {
    const { service, logs } = supervised('pending', 'crash.mjs', { ...fast, initialDelayMs: 300, maxDelayMs: 300 });
    await until('the first death', () => logs.length > 0);
    await service.stop();
    await sleep(600);
    expect(service.restarts).toBe(0);
    expect(logs).toEqual(['[launcher] pending exited (code 3); restarting in 0.3 s (attempt 1)']);
  });

  it('starts again from the first delay after a run that lasted long enough to be healthy', async () => {
    const { service, logs } = supervised('flaky', 'late-crash.mjs', { ...fast, healthyAfterMs: 200 });
    try {
      await until('three restarts', () => service.restarts >= 3);
    } finally {
      await service.stop();
    }
    expect(logs.slice(0, 3)).toEqual(Array(3).fill('[launcher] flaky exited (code 1); restarting in 0.05 s (attempt 1)'));
  });
});
