import { describe, expect, it } from 'vitest';
import { parseTags } from '#src/domain/tags.js';

describe('Tag rules of the console page (Table 2)', () => {
  it('should read one key=value a line', () => {
    expect(parseTags('env=prod\nteam = net_ops\n')).toEqual({
      ok: true,
      value: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'net_ops' },
      ],
    });
    expect(parseTags('')).toEqual({ ok: true, value: [] });
  });

  it('should count Unicode characters, not bytes', () => {
    expect(parseTags(`${'ä'.repeat(36)}=${'ß'.repeat(43)}`).ok).toBe(true);
  });

  it.each([
    ['=prod', 'Line 1: the tag key is blank'],
    ['env=', 'Line 1: the tag value is blank'],
    ['env', 'Line 1: "env" is not key=value'],
    [`${'k'.repeat(37)}=v`, 'Line 1: the tag key "kkkkkkkkkkkkkkkkkkkk…" has 37 characters; at most 36'],
    [`k=${'v'.repeat(44)}`, 'Line 1: the tag value "vvvvvvvvvvvvvvvvvvvv…" has 44 characters; at most 43'],
    ['cost center=1', 'Line 1: the tag key "cost center" may contain only letters, digits, - and _'],
    ['owner=a@b', 'Line 1: the tag value "a@b" may contain only letters, digits, - and _'],
    ['env=a\nenv=b', 'Line 2: the tag key "env" is already used on line 1; keys must be unique'],
  ])('should refuse %j with %j', (text, message) => {
    const result = parseTags(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toBe(message);
  });

  it("should leave 19 tags to every service, the bot's own tag taking the cloud's 20th", () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v${i}`).join('\n');
    expect(parseTags(lines(19)).ok).toBe(true);
    const result = parseTags(lines(20));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]).toMatch(
        /^20 tags: at most 19, because the cloud takes 20 and the bot adds one of its own \(vpcep-bot-attempt\)/,
      );
    expect(parseTags(lines(21))).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^21 tags: at most 19/)],
    });
  });

  it("should refuse the bot's own tag key, named or not", () => {
    expect(parseTags('env=prod\nvpcep-bot-attempt=abc')).toEqual({
      ok: false,
      problems: ['Line 2: the tag key "vpcep-bot-attempt" is reserved for the bot; use another key'],
    });
  });
});
