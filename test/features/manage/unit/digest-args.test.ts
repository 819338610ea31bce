import { describe, expect, it } from 'vitest';
import { parseDigestArgs } from '#src/features/manage/usecases/digest-args.js';

const words = (text: string) => text.split(' ').filter(Boolean);

describe('/vpcep digest arguments', () => {
  it('should read a time and an IANA time zone, with 09:00 UTC by default', () => {
    expect(parseDigestArgs(words('daily 08:30 Europe/Berlin'))).toEqual({
      kind: 'set',
      timing: { frequency: 'daily', time: '08:30', timeZone: 'Europe/Berlin' },
    });
    expect(parseDigestArgs(words('daily'))).toEqual({
      kind: 'set',
      timing: { frequency: 'daily', time: '09:00', timeZone: 'UTC' },
    });
    expect(parseDigestArgs(words('Daily 7:05'))).toEqual({
      kind: 'set',
      timing: { frequency: 'daily', time: '07:05', timeZone: 'UTC' },
    });
  });

  it('should read a weekday for a weekly digest, Monday by default, and a zone in any case', () => {
    expect(parseDigestArgs(words('weekly mon 09:00 Europe/Berlin'))).toEqual({
      kind: 'set',
      timing: { frequency: 'weekly', weekday: 1, time: '09:00', timeZone: 'Europe/Berlin' },
    });
    expect(parseDigestArgs(words('weekly Friday 16:00 america/new_york'))).toEqual({
      kind: 'set',
      timing: { frequency: 'weekly', weekday: 5, time: '16:00', timeZone: 'America/New_York' },
    });
    // Written as given, not as ICU's old name for it (Asia/Calcutta).
    expect(parseDigestArgs(words('daily 08:30 Asia/Kolkata'))).toMatchObject({
      timing: { timeZone: 'Asia/Kolkata' },
    });
    expect(parseDigestArgs(words('weekly'))).toEqual({
      kind: 'set',
      timing: { frequency: 'weekly', weekday: 1, time: '09:00', timeZone: 'UTC' },
    });
  });

  it('should name a time zone Intl does not know, and say how to write one', () => {
    const answer = parseDigestArgs(words('daily 08:30 Europe/Berln'));
    expect(answer.kind).toBe('invalid');
    expect(answer).toMatchObject({
      text: expect.stringContaining("I don't know the time zone `Europe/Berln`"),
    });
    expect(answer).toMatchObject({ text: expect.stringContaining('IANA name such as `Europe/Berlin`') });
  });

  it('should name a time that is not a time of day', () => {
    for (const bad of ['24:00', '8:75', '0830']) {
      const answer = parseDigestArgs(words(`daily ${bad} UTC`));
      expect(answer).toMatchObject({
        kind: 'invalid',
        text: expect.stringContaining(`\`${bad}\` is not a time of day: write it as HH:MM`),
      });
    }
  });

  it('should refuse a weekday on a daily digest, words after the zone and words after off', () => {
    expect(parseDigestArgs(words('daily mon 09:00'))).toMatchObject({
      kind: 'invalid',
      text: expect.stringContaining('`mon` does not fit here'),
    });
    expect(parseDigestArgs(words('daily 09:00 UTC extra'))).toMatchObject({
      kind: 'invalid',
      text: expect.stringContaining("I don't know `extra` here"),
    });
    expect(parseDigestArgs(words('off now'))).toMatchObject({ kind: 'invalid' });
    expect(parseDigestArgs(words('off'))).toEqual({ kind: 'off' });
    expect(parseDigestArgs([])).toEqual({ kind: 'show' });
  });
});
