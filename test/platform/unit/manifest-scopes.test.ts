/**
 * The manifests ask for exactly the bot scopes the bot's own Web API calls need: no more (an unused
 * scope is access nobody uses), no less (a missing one is a `missing_scope` at run time). The calls are
 * found in src/ itself (not in the playground's Slack emulator), each mapped to the scopes Slack's
 * method reference lists for bot tokens.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');
/** The Slack emulator of the local playground implements the Web API; it does not call it. */
const NOT_THE_BOT = [join(SRC, 'playground')];

/**
 * Bot-token scopes per Web API method, from Slack's method reference (docs.slack.dev/reference/methods).
 * A method the bot starts calling must be added here, with what its page lists.
 */
const METHOD_SCOPES: Record<string, readonly string[]> = {
  // chat:write.public: approval requests, announcements and digests go to public channels the bot was
  // never invited to. A user ID as `channel` posts into the app's DM (its Messages tab): no im:write.
  'chat.postMessage': ['chat:write', 'chat:write.public'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'users.info': ['users:read'],
  'usergroups.list': ['usergroups:read'],
  'usergroups.users.list': ['usergroups:read'],
  // The approval channel select offers public and private channels only (no DMs: im:read/mpim:read).
  'conversations.info': ['channels:read', 'groups:read'],
  'views.open': [],
  'views.update': [],
  'views.publish': [],
  // Called with the step's own function token (xwfp-), which needs no scope.
  'functions.completeSuccess': [],
  'functions.completeError': [],
  'auth.test': [],
};

/** Scopes that come with a manifest feature rather than a Web API call. */
const FEATURE_SCOPES = { slashCommands: 'commands' };

function sourceFiles(dir: string): string[] {
  if (NOT_THE_BOT.includes(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * `client.<family>.<method>(`, `slack.<family>.<method>(` (also `client(token).…` and a call split over
 * lines), and `.apiCall('<method>')`.
 */
const CALL =
  /\b(?:client|slack)(?:\([^)]*\))?\s*\.\s*([a-z]+)\s*\.\s*([a-zA-Z]+)(?:\s*\.\s*([a-zA-Z]+))?\s*\(/g;
const API_CALL = /\.apiCall\(\s*['"`]([a-zA-Z.]+)['"`]/g;

/** Every Web API method the bot's own code calls, with the first file that calls it. */
function calledMethods(): Map<string, string> {
  const methods = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const where = relative(ROOT, file);
    for (const m of text.matchAll(CALL)) {
      const method = [m[1], m[2], m[3]].filter(Boolean).join('.');
      if (!methods.has(method)) methods.set(method, where);
    }
    for (const m of text.matchAll(API_CALL)) if (m[1] && !methods.has(m[1])) methods.set(m[1], where);
  }
  return methods;
}

/** The scopes `methods` need, each with the methods (or feature) that need it. */
function neededScopes(methods: Iterable<string>, slashCommands: boolean): Map<string, string[]> {
  const needed = new Map<string, string[]>();
  const add = (scope: string, by: string) => needed.set(scope, [...(needed.get(scope) ?? []), by]);
  for (const method of methods) for (const scope of METHOD_SCOPES[method] ?? []) add(scope, method);
  if (slashCommands) add(FEATURE_SCOPES.slashCommands, 'a slash command');
  return needed;
}

/** What is wrong with a manifest's bot scopes: one sentence per scope too many or missing. */
function scopeProblems(declared: readonly string[], needed: Map<string, string[]>): string[] {
  const extra = declared
    .filter((s) => !needed.has(s))
    .map((s) => `asks for ${s}, which no call of the bot needs`);
  const missing = [...needed]
    .filter(([s]) => !declared.includes(s))
    .map(([s, by]) => `lacks ${s}, which ${by.join(', ')} needs`);
  return [...extra, ...missing].sort();
}

interface Manifest {
  features: { slash_commands?: unknown[] };
  oauth_config: { scopes: { bot: string[] } };
}
const manifest = (name: string) =>
  parse(readFileSync(join(ROOT, 'manifests/slack', name), 'utf8')) as Manifest;
const MANIFESTS = ['manifest.socket.yaml', 'manifest.http.yaml'];

describe('the bot scopes of the manifests', () => {
  const methods = calledMethods();

  it('should find the calls the bot makes, each in the scope table', () => {
    // The scan itself works: these calls exist in src/ and must be found.
    for (const method of ['chat.postMessage', 'views.publish', 'usergroups.users.list', 'conversations.info'])
      expect(methods.has(method), method).toBe(true);
    const unknown = [...methods].filter(([method]) => !(method in METHOD_SCOPES));
    expect(unknown, 'add these methods and their scopes to METHOD_SCOPES').toEqual([]);
  });

  it.each(MANIFESTS)('%s should ask for exactly the scopes the calls need', (name) => {
    const m = manifest(name);
    const needed = neededScopes(methods.keys(), (m.features.slash_commands ?? []).length > 0);
    expect(scopeProblems(m.oauth_config.scopes.bot, needed)).toEqual([]);
    expect(new Set(m.oauth_config.scopes.bot).size).toBe(m.oauth_config.scopes.bot.length);
  });

  it('should fail a manifest that asks for a scope no call needs, or lacks one a call needs', () => {
    const needed = neededScopes(methods.keys(), true);
    const exact = [...needed.keys()];
    expect(scopeProblems(exact, needed)).toEqual([]);
    expect(scopeProblems([...exact, 'im:write', 'mpim:read'], needed)).toEqual([
      'asks for im:write, which no call of the bot needs',
      'asks for mpim:read, which no call of the bot needs',
    ]);
    expect(
      scopeProblems(
        exact.filter((s) => s !== 'groups:read' && s !== 'commands'),
        needed,
      ),
    ).toEqual([
      'lacks commands, which a slash command needs',
      'lacks groups:read, which conversations.info needs',
    ]);
  });
});
