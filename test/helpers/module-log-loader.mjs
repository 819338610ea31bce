// Module loader hook (see module-log-hook.mjs): records each loaded module's URL, one a line.
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  if (process.env.MODULE_LOG) appendFileSync(process.env.MODULE_LOG, `${url}\n`);
  return nextLoad(url, context);
}
