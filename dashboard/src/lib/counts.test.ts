import { describe, expect, it } from 'vitest';
import { chartValue, exportCountValue, formatCountValue, formatShare } from './counts';

describe('published counts', () => {
  it('shows suppressed counts as « < 11 »', () => {
    expect(formatCountValue({ value: null, suppressed: true })).toBe('< 11');
    expect(exportCountValue({ value: null, suppressed: true })).toBe('< 11');
    expect(chartValue({ value: null, suppressed: true })).toBeNull();
  });

  it('formats other counts in French', () => {
    expect(formatCountValue({ value: 12345, suppressed: false })).toBe('12\u202f345');
    expect(exportCountValue({ value: 12345, suppressed: false })).toBe(12345);
    expect(chartValue({ value: 0, suppressed: false })).toBe(0);
    expect(formatCountValue(null)).toBe('—');
    expect(formatShare(0.425)).toBe('42,5\u00a0%');
  });
});
