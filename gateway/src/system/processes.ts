import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BackOff, DEFAULT_SUPERVISION, type SupervisionPolicy } from '@passerelles/db';

/**
 * A supervised Node service: started as a child process (the same `node` that runs this
 * launcher), with its output prefixed by its name, and started again with back-off when it dies —
 * until `stop()` is called.
 */
export interface ServiceProcess {
  name: string;
  /** The child process running now (a new one after each restart). */
  readonly child: ChildProcess;
  /** How many times the service was started again after dying. */
  readonly restarts: number;
  /** Resolves when the process running now has exited. */
  readonly exited: Promise<number | null>;
  /** Resolves when a process started after `since` (a previous pid) is ready (see `readyUrl`). */
  restarted(previousPid: number | undefined, timeoutMs?: number): Promise<void>;
  /** Stops the service for good (no restart). */
  stop(): Promise<void>;
}

export { DEFAULT_SUPERVISION, restartDelay, type SupervisionPolicy } from '@passerelles/db';

/**
 * Starts a service and keeps it running: when it dies (crash, kill, out of memory), it is logged
 * and started again after a back-off delay. `readyUrl` is what `restarted` polls.
 */
export function startService(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  options: { readyUrl?: string; policy?: SupervisionPolicy } = {},
): ServiceProcess {
  const policy = options.policy ?? DEFAULT_SUPERVISION;
  let stopping = false;
  const backOff = new BackOff(policy);
  let restarts = 0;
  let timer: NodeJS.Timeout | null = null;
  let current: { child: ChildProcess; exited: Promise<number | null> };

  const spawnOne = (): { child: ChildProcess; exited: Promise<number | null> } => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => log(`[${name}] ${line}`));
    }
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code, signal) => {
        resolve(code);
        // Exit code 0 is a service that was asked to stop (Ctrl-C reaches the whole process group): not a crash.
        if (stopping || (code === 0 && signal === null)) return;
        const { attempt, delayMs: delay } = backOff.failed(Date.now() - startedAt);
        log(`[launcher] ${name} exited (${signal ?? `code ${code}`}); restarting in ${(delay / 1000).toLocaleString('en')} s (attempt ${attempt})`);
        timer = setTimeout(() => {
          timer = null;
          if (stopping) return;
          restarts++;
          current = spawnOne();
        }, delay);
      }),
    );
    // A failed spawn (the script is missing) is an exit too.
    child.once('error', (error) => log(`[launcher] ${name} could not start: ${error.message}`));
    return { child, exited };
  };
  current = spawnOne();

  return {
    name,
    get child() {
      return current.child;
    },
    get restarts() {
      return restarts;
    },
    get exited() {
      return current.exited;
    },
    restarted: async (previousPid, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const child = current.child;
        if (child.pid !== previousPid && child.exitCode === null && child.signalCode === null) {
          if (!options.readyUrl) return;
          try {
            const response = await fetch(options.readyUrl, { signal: AbortSignal.timeout(2000) });
            if (response.ok) return;
          } catch {
            // not listening yet
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      throw new Error(`${name} was not running again after ${timeoutMs / 1000} s`);
    },
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      const { child, exited } = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** Polls `url` until it answers 2xx, the process dies, or the time runs out. */
export async function waitUntilReady(service: ServiceProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const child = service.child;
  let dead = false;
  void service.exited.then(() => {
    dead = true;
  });
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${service.name} exited before it was ready (exit code ${child.exitCode ?? 'signal'})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${service.name} was not ready at ${url} after ${timeoutMs / 1000} s`);
}
