// `node --import ./module-log-hook.mjs`: appends the URL of every module the process loads to the file
// named by MODULE_LOG, so a test can tell which of our modules a process loaded.
import { register } from 'node:module';

register('./module-log-loader.mjs', import.meta.url);
