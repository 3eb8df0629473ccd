/** The test formats `jitdbg check` knows, in the order they are tried on a source. */
import type { Format } from './format.js';
import { dexterScript } from './dexter/script/index.js';
import { llgdb } from './llgdb/index.js';

// A Dexter script is a YAML document in a comment; nothing else claims it, so it is tried first.
export const FORMATS: readonly Format[] = [dexterScript, llgdb];

/** The format a source is written in, or undefined when it has no directives jitdbg knows. */
export function detectFormat(text: string): Format | undefined {
  return FORMATS.find((f) => f.detect(text));
}
