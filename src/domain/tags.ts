/**
 * Tag, as the console page's Table 2 defines it: at most 20 a service; key non-blank, unique, at most 36
 * Unicode characters of letters, digits, `-` and `_`; value non-blank, at most 43 of the same. (The API
 * also takes `@` and empty values; the console's stricter rules govern.) One `key=value` a line.
 *
 * Every service the bot creates gets one tag of the bot's own (`vpcep-bot-attempt`, unique to the
 * create attempt): the only proof, after a create the cloud never confirmed, that a service found later
 * is the one this attempt made (a name proves nothing: anyone may ask for the same one). It counts
 * toward the cloud's 20, so a service takes at most 19 of the user's, and the key is the bot's alone.
 */
import type { LineResult } from './line-result.js';

export const MAX_TAGS = 20;
export const MAX_TAG_KEY = 36;
export const MAX_TAG_VALUE = 43;
/** The key of the bot's own tag on every service it creates. */
export const ATTEMPT_TAG_KEY = 'vpcep-bot-attempt';
/** The user's tags a service may have: the bot's tag takes one of the cloud's 20. */
export const MAX_USER_TAGS = MAX_TAGS - 1;
const ALLOWED = /^[\p{L}\p{Nd}_-]+$/u;

export interface TagLine {
  readonly key: string;
  readonly value: string;
}

function length(text: string): number {
  return [...text].length;
}

function partProblem(part: string, what: 'key' | 'value', max: number): string | undefined {
  if (part === '') return `the tag ${what} is blank`;
  if (length(part) > max)
    return `the tag ${what} "${part.slice(0, 20)}…" has ${length(part)} characters; at most ${max}`;
  if (!ALLOWED.test(part)) return `the tag ${what} "${part}" may contain only letters, digits, - and _`;
  return undefined;
}

/** Parses the Tag text; every problem names its line and the rule. Blank text means no tags. */
export function parseTags(text: string): LineResult<TagLine[]> {
  const problems: string[] = [];
  const tags: TagLine[] = [];
  const keyLine = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '') return;
    const eq = raw.indexOf('=');
    if (eq < 0) {
      problems.push(`Line ${lineNo}: "${raw.trim().slice(0, 40)}" is not key=value`);
      return;
    }
    const key = raw.slice(0, eq).trim();
    const value = raw.slice(eq + 1).trim();
    const bad = partProblem(key, 'key', MAX_TAG_KEY) ?? partProblem(value, 'value', MAX_TAG_VALUE);
    if (bad) {
      problems.push(`Line ${lineNo}: ${bad}`);
      return;
    }
    if (key === ATTEMPT_TAG_KEY) {
      problems.push(`Line ${lineNo}: the tag key "${key}" is reserved for the bot; use another key`);
      return;
    }
    const earlier = keyLine.get(key);
    if (earlier !== undefined) {
      problems.push(
        `Line ${lineNo}: the tag key "${key}" is already used on line ${earlier}; keys must be unique`,
      );
      return;
    }
    keyLine.set(key, lineNo);
    tags.push({ key, value });
  });
  if (tags.length > MAX_USER_TAGS)
    problems.push(
      `${tags.length} tags: at most ${MAX_USER_TAGS}, because the cloud takes ${MAX_TAGS} and the bot adds one of its own (${ATTEMPT_TAG_KEY}) to recognise the service it created. Remove a tag`,
    );
  return problems.length ? { ok: false, problems } : { ok: true, value: tags };
}
