/**
 * Dexter's expected values are written as LLDB prints them; the values recorded here are GDB's.
 * The two agree on integers, bools (`true`), floats (both print the shortest round-tripping
 * form) and most aggregates, and differ on:
 *
 *  - chars: GDB `97 'a'`, LLDB `'a'`. Either `'a'` or `97` is accepted for GDB's `97 'a'`.
 *  - pointers: GDB `0x5555555592a0`, adding ` <symbol>` for code and ` "text"` for char strings;
 *    LLDB zero-pads to 16 digits (`0x00005555555592a0`), as does Dexter's address(). A pointer
 *    is accepted when its address equals the expected one as a number.
 *
 * This is the one place where GDB's text is compared with an expected value.
 */

const HEX = /^0x([0-9a-fA-F]+)(?:\s|$)/;

/** The numeric address a GDB value starts with (`0x4011 <f>`, `0x4010 "abc"`, `(int *) 0x4010`). */
export function leadingAddress(value: string): bigint | undefined {
  const m = HEX.exec(value.replace(/^\([^()]*\)\s*/, ''));
  return m ? BigInt('0x' + m[1]!) : undefined;
}

/** Whether GDB's printed `actual` stands for Dexter's `expected`. */
export function gdbValueMatches(actual: string, expected: string): boolean {
  if (actual === expected) return true;
  // GDB's char form: `97 'a'`, `-3 '\375'`, `0 '\000'`.
  const ch = /^(-?\d+) ('(?:[^'\\]|\\.[^']*)')$/.exec(actual);
  if (ch && (expected === ch[1] || expected === ch[2])) return true;
  const exp = /^0x([0-9a-fA-F]+)$/.exec(expected);
  if (exp) {
    const a = leadingAddress(actual);
    if (a !== undefined && a === BigInt('0x' + exp[1]!)) return true;
  }
  return false;
}

/**
 * The expected value among `candidates` that GDB's `actual` stands for, or `actual` itself: Dexter
 * then compares strings as it does with LLDB's output.
 */
export function canonicalValue(actual: string, candidates: readonly string[]): string {
  if (candidates.includes(actual)) return actual;
  return candidates.find((c) => gdbValueMatches(actual, c)) ?? actual;
}

/** Whether a condition GDB evaluated holds: C prints `1`, C++ `true`. */
export function gdbTruthy(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value === 'true') return true;
  return /^-?\d+$/.test(value) && BigInt(value) !== 0n;
}
