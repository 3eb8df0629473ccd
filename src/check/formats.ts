/** The test formats `jitdbg check` knows, in the order they are tried on a source. */
import type { Format } from './format.js';

export const FORMATS: readonly Format[] = [];

/** The format a source is written in, or undefined when it has no directives jitdbg knows. */
export function detectFormat(text: string): Format | undefined {
  return FORMATS.find((f) => f.detect(text));
}
