/**
 * Dexter's expected values are written as LLDB prints them; the values recorded here are GDB's.
 * The two agree on integers, bools (`true`), floats (both print the shortest round-tripping form)
 * and most aggregates, and differ on:
 *  - chars: GDB `97 'a'`, LLDB `'a'`: `97`, `'a'` and `a` all stand for GDB's `97 'a'`;
 *  - pointers: GDB `0x5555555592a0`, adding ` <symbol>` for code and ` "text"` for char strings,
 *    `(int *) 0x...` in some contexts; LLDB and Dexter's address() zero-pad to 16 digits. A
 *    pointer matches an expected address equal as a number, or its `"text"` part;
 *  - references: GDB `@0x7ffc...: 5`: what follows the address is the value.
 * This is the one place where GDB's text is compared with Dexter's expected text, for both formats.
 */

/** Whether GDB's printed value `actual` stands for Dexter's `expected`. */
export function gdbShows(actual: string, expected: string): boolean {
  if (actual === expected) return true;
  const ch = /^(-?\d+) ('(?:[^'\\]|\\.)*')$/.exec(actual);
  if (ch) return expected === ch[1] || expected === ch[2] || `'${expected}'` === ch[2];
  const ref = /^@0x[0-9a-fA-F]+: (.*)$/s.exec(actual);
  if (ref) return gdbShows(ref[1]!, expected);
  const address = leadingAddress(actual);
  if (address !== undefined) {
    if (/^0x[0-9a-fA-F]+$/.test(expected) && BigInt(expected) === address) return true;
    const text = / ("(?:[^"\\]|\\.)*")$/.exec(actual);
    if (text && text[1] === expected) return true;
  }
  return false;
}

/** The address a printed pointer starts with (`0x4011 <f>`, `0x4010 "abc"`, `(int *) 0x4010`), if it is one. */
export function leadingAddress(value: string): bigint | undefined {
  const m = /^0x([0-9a-fA-F]+)(?:\s|$)/.exec(value.trim().replace(/^\([^()]*\)\s*/, ''));
  return m ? BigInt(`0x${m[1]!}`) : undefined;
}

/**
 * The expected value among `candidates` that GDB's `actual` stands for, or `actual` itself: Dexter
 * then compares strings as it does with LLDB's output.
 */
export function canonicalValue(actual: string, candidates: readonly string[]): string {
  if (candidates.includes(actual)) return actual;
  return candidates.find((c) => gdbShows(actual, c)) ?? actual;
}

/** Whether a condition GDB evaluated holds: C++ prints `true`, C a non-zero integer. */
export function gdbTruthy(value: string | undefined): boolean {
  const v = value?.trim();
  if (v === undefined) return false;
  if (v.toLowerCase() === 'true') return true;
  const n = /^-?\d+/.exec(v);
  return n !== null && BigInt(n[0]) !== 0n;
}
