import { describe, expect, it } from 'vitest';
import { Passes } from './passes.js';

describe('passes of background work', () => {
  it('never overlap, run once more after demands made during a pass, and stop cleanly', async () => {
    let running = 0;
    let overlapped = false;
    let count = 0;
    let release: (() => void) | null = null;
    const passes = new Passes(
      async () => {
        running++;
        overlapped ||= running > 1;
        count++;
        await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
      () => undefined,
      60_000,
    );
    const first = passes.kick();
    // Three demands during the first pass: one more pass, shared by the three.
    const more = [passes.kick(), passes.kick(), passes.kick()];
    expect(new Set(more).size).toBe(1);
    release!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    release!();
    await Promise.all(more);
    expect(count).toBe(2);
    expect(overlapped).toBe(false);
    await passes.stop();
    await passes.kick();
    expect(count).toBe(2);
  });

  it('logs a failed pass and runs the next one', async () => {
    const lines: string[] = [];
    let calls = 0;
    const passes = new Passes(
      async () => {
        calls++;
        if (calls === 1) throw new Error('contracts unreachable');
      },
      (line) => lines.push(line),
      60_000,
    );
    await passes.kick();
    await passes.kick();
    expect(lines).toEqual(['contracts unreachable']);
    expect(calls).toBe(2);
  });
});
