import { describe, expect, it } from 'vitest';
import { formatCountValue } from './counts';
import { protectedCount } from './small-counts';

describe('protectedCount', () => {
  it('hides counts from 1 to 10 from those who may not know them exactly', () => {
    expect(formatCountValue(protectedCount(7, false))).toBe('< 11');
    expect(formatCountValue(protectedCount(10, false))).toBe('< 11');
    expect(formatCountValue(protectedCount(0, false))).toBe('0');
    expect(formatCountValue(protectedCount(11, false))).toBe('11');
    expect(formatCountValue(protectedCount(7, true))).toBe('7');
    expect(formatCountValue(protectedCount(null, false))).toBe('—');
  });
});
