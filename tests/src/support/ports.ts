import { createServer } from 'node:net';
import type { SystemEnv } from '@passerelles/gateway/system';

/**
 * Ports are handed out from a range that belongs to this process (vitest's worker number picks
 * it, the main process has its own) and never twice in one process. Asking the kernel for "any
 * free port" and closing it, as this did before, let two services of one system, or two workers,
 * be given the same port between the moment it was found free and the moment it was bound — a
 * gateway and a dashboard once both got 44013. The range sits below Linux's ephemeral range
 * (32768–60999), so outgoing connections do not take these ports either.
 */
const FIRST_PORT = 20_000;
const PORTS_PER_PROCESS = 1_500;
const slot = Number(process.env.VITEST_POOL_ID ?? 0) % 8;
const rangeStart = FIRST_PORT + slot * PORTS_PER_PROCESS;
// A random start, so that two test runs on one machine (same worker numbers) rarely meet.
let next = Math.floor(Math.random() * PORTS_PER_PROCESS);

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on the loopback interface, not handed out before in this process. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PORTS_PER_PROCESS; tries++) {
    const port = rangeStart + (next++ % PORTS_PER_PROCESS);
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port between ${rangeStart} and ${rangeStart + PORTS_PER_PROCESS - 1}`);
}

/** Free ports for every service of the system, all different. */
export async function freeSystemPorts(): Promise<SystemEnv['ports']> {
  return {
    dashboard: await freePort(),
    gateway: await freePort(),
    beneficiaries: await freePort(),
    partners: await freePort(),
    contracts: await freePort(),
    funding: await freePort(),
  };
}
