import { describe, expect, it } from 'vitest';
import { parseDurationSeconds, parseList } from '#src/platform/config/formats.js';

describe('duration format', () => {
  it.each([
    ['30', 30],
    ['30s', 30],
    ['15m', 900],
    ['4h', 14_400],
    ['1d', 86_400],
    [' 2H ', 7200],
  ])('should read %j as %d seconds', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });

  it.each(['', 'soon', '4 hours', '-5s', '0', '1w'])('should refuse %j', (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined();
  });
});

describe('list format', () => {
  it('should split on commas and ignore spaces and empty items', () => {
    expect(parseList(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    expect(parseList(undefined)).toEqual([]);
  });
});
