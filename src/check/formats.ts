/** The test formats `jitdbg check` knows, in the order they are tried on a source. */
import type { Format } from './format.js';
import { dexterCommands } from './dexter/commands/index.js';
import { dexterScript } from './dexter/script/index.js';
import { llgdb } from './llgdb/index.js';

// A Dexter script is a YAML document in a comment and llgdb's lines are DEBUGGER:; Dexter
// commands (Dex...) may be mentioned in either, so they are tried last.
export const FORMATS: readonly Format[] = [dexterScript, llgdb, dexterCommands];

/** The format a source is written in, or undefined when it has no directives jitdbg knows. */
export function detectFormat(text: string): Format | undefined {
  return FORMATS.find((f) => f.detect(text));
}
