import { describe, expect, it } from 'vitest';
import { parseCommandText } from '#src/domain/command-text.js';

describe('parseCommandText', () => {
  it('should lower-case the subcommand and keep the arguments', () => {
    expect(parseCommandText('  LIST  prod ')).toMatchObject({ subcommand: 'list', args: ['prod'] });
    expect(parseCommandText('').subcommand).toBeUndefined();
  });

  it('should take rights-relevant IDs from escaped mentions, never from display names', () => {
    const parsed = parseCommandText(
      'owners svc-1 <@U0ALICE|alice> <!subteam^S0NET|@net team> <#C0OPS|ops> @bob',
    );
    expect(parsed.users).toEqual(['U0ALICE']);
    expect(parsed.groups).toEqual(['S0NET']);
    expect(parsed.channels).toEqual(['C0OPS']);
    expect(parsed.args).toEqual([
      'svc-1',
      '<@U0ALICE|alice>',
      '<!subteam^S0NET|@net team>',
      '<#C0OPS|ops>',
      '@bob',
    ]);
  });
});
