import { describe, expect, it } from 'vitest';
import { restartDelay } from './processes.js';

describe('restartDelay', () => {
  it('doubles from half a second, up to 30 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => restartDelay(attempt))).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
});
