// Dexter's heuristic on hand-built traces. The expected figures are worked out in each test from
// Heuristic.py's rules: a DexExpectWatchValue may lose at most min(3, #values) * 7 (7 being the
// worst of the default penalties), a missing value costs 6, an unexpected one 7, an optimized
// one 3, a misordered one 3, an unevaluable one 5; the score is 1 - penalty / max_penalty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Evaluation, Frame } from '../../../src/check/debugger.js';
import type { Step, Trace } from '../../../src/check/format.js';
import { parseDexterCommands } from '../../../src/check/dexter/commands/index.js';
import { watchKey } from '../../../src/check/format.js';
import { fileCheckText } from '../../../src/check/filecheck.js';

/** The report meets the CHECK lines of the Dexter test it came from. */
function fileCheck(checks: string, report: string): void {
  const r = fileCheckText(checks, report);
  assert.ok(r.pass, r.report);
}

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dexcmd-'));

function source(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

type W = string | Partial<Evaluation>;
function ev(expression: string, w: W): Evaluation {
  if (typeof w === 'string') return { expression, value: w, type: 'int', optimizedOut: false, irretrievable: false };
  return { expression, value: undefined, type: undefined, optimizedOut: false, irretrievable: false, ...w };
}

interface Loc {
  line: number;
  file?: string;
  fn?: string;
  /** Frames below frame 0 (callers), leaf first. */
  callers?: Frame[];
  w?: Record<string, W>;
}

function trace(file: string, locs: Loc[]): Trace {
  const steps: Step[] = locs.map((l, i) => {
    const top: Frame = { function: l.fn ?? 'main', file: 'file' in l ? l.file : file, line: l.line, address: undefined };
    const watches: Record<string, Evaluation> = {};
    for (const [k, v] of Object.entries(l.w ?? {})) watches[k] = ev(k.replace(/^#\d+ /, ''), v);
    return { index: i + 1, frames: [top, ...(l.callers ?? [])], watches };
  });
  return { steps };
}

function judge(path: string, t: Trace, failLt?: number) {
  return parseDexterCommands({ path, text: readFileSync(path, 'utf8') }, failLt === undefined ? {} : { failLt }).judge(t);
}

function close(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `score ${actual}, expected ${expected}`);
}

// Line 4 holds the loop body; i is expected to be 0, 1, 2 there.
const LOOP = source(
  'loop.cpp',
  [
    'int main() {', // 1
    '  int i = 0;', // 2
    '  for (i = 0; i < 3; ++i)', // 3
    "    i = i; // DexLabel('loop')", // 4
    '  return 0;', // 5
    '}', // 6
    "// DexExpectWatchValue('i', '0', '1', '2', on_line=ref('loop'))",
  ].join('\n'),
);
const loopRun = (values: W[]): Loc[] => [{ line: 2 }, ...values.flatMap((v): Loc[] => [{ line: 3 }, { line: 4, w: { i: v } }]), { line: 3 }, { line: 5 }];

test('a perfect run scores 1.0 and passes', () => {
  const v = judge(LOOP, trace(LOOP, loopRun(['0', '1', '2'])));
  assert.equal(v.pass, true);
  assert.deepEqual(v.metrics, { score: 1, penalty: 0, max_penalty: 21 });
  assert.match(v.report, /^loop\.cpp: \(1\.0000\)\n/);
  assert.match(v.report, /\n  loop\.cpp:4 \[i\] ExpectValue \[0\/21\]\n    expected encountered watches:\n      0\n      1\n      2\n/);
});

test('an unexpected value loses exactly the incorrect-value penalty (7 of 21)', () => {
  // Every expected value is seen, so nothing is missing; the extra 9 costs 7.
  const v = judge(LOOP, trace(LOOP, loopRun(['0', '1', '9', '2'])));
  close(v.metrics.score, 1 - 7 / 21);
  assert.equal(v.pass, false);
  assert.match(v.reason ?? '', /score 0\.6667 is below 1: loop\.cpp:4 \[i\] ExpectValue/);
  assert.match(v.report, /    unexpected result:\n      \(9\): step 7 \[-7\]\n/);
  assert.equal(judge(LOOP, trace(LOOP, loopRun(['0', '1', '9', '2'])), 0.6).pass, true);
});

test('a wrong value in place of an expected one: missing (6) and unexpected (7)', () => {
  const v = judge(LOOP, trace(LOOP, loopRun(['0', '7', '2'])));
  close(v.metrics.score, 1 - 13 / 21);
  assert.match(v.report, /    missing values:\n      1 \[-6\]\n/);
  assert.match(v.report, /\[i\] ExpectValue \[13\/21\]/);
});

test('values seen out of order: each misordered change costs 3', () => {
  // Changes 0, 2, 1 against 0, 1, 2: difflib aligns 0 and 2, so 2 and 1 are both misordered.
  const v = judge(LOOP, trace(LOOP, loopRun(['0', '2', '1'])));
  close(v.metrics.score, 1 - 6 / 21);
  assert.match(v.report, /    misordered result:\n      \(2\): step 5 \[-3\]\n      \(1\): step 7 \[-3\]\n/);
});

test('optimized out and not evaluatable cost 3 and 5; with a value missing, only once per missing value', () => {
  const v = judge(LOOP, trace(LOOP, loopRun(['0', { optimizedOut: true, value: '<optimized out>' }, '1', '2'])));
  close(v.metrics.score, 1 - 3 / 21);
  assert.match(v.report, /    result optimized away:\n      \(<optimized out>\): step 5 \[-3\]\n/);
  // 1 and 2 never seen: missing 6 + 6 of the 21 available; three unevaluable watches,
  // penalised at most twice (once per missing value): 5, then min(5, 21 - 12 - 5) = 4, then 0.
  const err = { error: 'No symbol "i" in current context.' };
  const w = judge(LOOP, trace(LOOP, loopRun(['0', err, err, err])));
  close(w.metrics.score, 1 - (6 + 6 + 5 + 4) / 21);
  assert.match(w.report, /    could not evaluate:\n      \(None\): steps \[5, 7, 9\] \[-9\]\n/);
});

test('DexUnreachable reached costs 4 per line reached, whatever the number of visits', () => {
  const p = source(
    'unreach.cpp',
    ['int main() {', '  int i = 0;', '  if (i) return 1; // DexUnreachable()', '  return 0;', '}', "// DexExpectWatchValue('i', '0', on_line=2)"].join('\n'),
  );
  const ok = judge(p, trace(p, [{ line: 2, w: { i: '0' } }, { line: 4 }]));
  close(ok.metrics.score, 1);
  assert.match(ok.report, /  unreachable lines \[0\/4\]\n    No unreachable lines seen:\n      0\n/);
  const bad = judge(p, trace(p, [{ line: 2, w: { i: '0' } }, { line: 3 }, { line: 3 }, { line: 4 }]));
  close(bad.metrics.score, 1 - 4 / (4 + 7));
  assert.match(bad.report, /  unreachable lines \[4\/4\]\n    line 3 reached:\n      4 \[-4\]\n/);
});

test('DexExpectStepOrder: a missing step costs 4 (unseen) and 2 (misordered tail)', () => {
  const p = source('order.cpp', ['int main() {', '  int a = 1; // DexExpectStepOrder(1)', '  a++;', '  return a; // DexExpectStepOrder(2)', '}'].join('\n'));
  // Max: unseen 2 lines * 4 + skipped 2 * 4 + misordered 2 entries * 2 = 20.
  close(judge(p, trace(p, [{ line: 2 }, { line: 3 }, { line: 4 }])).metrics.score, 1);
  const v = judge(p, trace(p, [{ line: 2 }, { line: 3 }]));
  close(v.metrics.score, 1 - 6 / 20);
  assert.match(v.report, /  Unseen lines \[4\/8\]\n    Line 4 not seen:\n      4 \[-4\]\n/);
  assert.match(v.report, /Order mismatch, expected linenos \[2, 4, '\[End\]'\], saw \[2, '\[End\]'\]:\n      2 \[-2\]/);
});

test('step_order.cpp: a helper runs after the lines expected to follow it; its CHECK lines', () => {
  const p = join(root, 'test/check/commands/step_order.cpp');
  // Expected order: 18 (in bump), 22, 23, 25; run order: 22, 23, 18, 25. difflib gives
  // `- 18`, `  22`, `  23`, `+ 18`, `  25`: two mismatches of 2 each. Every line is seen once,
  // so nothing is unseen or skipped. Max: unseen 4 * 4 + skipped 4 * 4 + misordered 4 * 2 = 40.
  const main: Frame = { function: 'main', file: p, line: 24, address: undefined };
  const v = judge(
    p,
    trace(p, [
      { line: 22 },
      { line: 23 },
      { line: 24 },
      { line: 18, fn: 'bump', callers: [main] },
      { line: 19, fn: 'bump', callers: [main] },
      { line: 25 },
      { line: 26 },
      { line: 27 },
    ]),
  );
  close(v.metrics.score, 1 - 4 / 40);
  assert.equal(v.pass, false); // its RUN line expects `not`
  fileCheck(readFileSync(p, 'utf8'), v.report);
  assert.match(v.report, /  Misordered lines \[4\/8\]\n    Order mismatch, expected linenos \[0, 18, 22\], saw \[0, 22\]:\n      2 \[-2\]\n/);
  assert.match(v.report, /Order mismatch, expected linenos \[23, 25\], saw \[23, 18, 25\]:\n      2 \[-2\]\n/);
});

test('out_of_scope.cpp: a loop watch met in full, one out of scope costs 5 of 28; its CHECK lines', () => {
  const p = join(root, 'test/check/commands/out_of_scope.cpp');
  const add = 23;
  const done = 27;
  const err = { error: 'No symbol "stride" in current context.' };
  // Steps 4, 7, 10, 13 are on `add` (stride 1, 2, 4, 8); step 16 is on `done`.
  const loop = ['1', '2', '4', '8'].flatMap((s): Loc[] => [{ line: add, w: { stride: s } }, { line: 24 }, { line: 22 }]);
  const v = judge(p, trace(p, [{ line: 19 }, { line: 21 }, { line: 22 }, ...loop, { line: done, w: { stride: err } }, { line: 28 }]));
  // First command: four values, max min(3, 4) * 7 = 21, all seen in order: 0. Second: one value,
  // max 7; it is never seen as a value, so it is not counted missing, and the one unevaluable
  // watch costs 5. Score 1 - 5 / 28.
  close(v.metrics.score, 1 - 5 / 28);
  assert.equal(v.pass, false);
  fileCheck(readFileSync(p, 'utf8'), v.report);
});

test('addresses.cpp: resolved and unresolved addresses, GDB pointer forms; its CHECK lines', () => {
  const p = join(root, 'test/check/commands/addresses.cpp');
  // GDB prints a pointer with its type, and with a symbol when one is at that address.
  const ONE = '(Record *) 0x4172b0';
  const TWO = '(Record *) 0x4172d0 <pool>';
  // Lines 41 (hand_over) to 46 (release); `head` and `tail` swap at 42 and 43.
  const v = judge(
    p,
    trace(p, [
      { line: 36 },
      { line: 37 },
      { line: 38 },
      { line: 41, w: { head: ONE, tail: TWO } },
      { line: 42, w: { head: ONE, tail: TWO } },
      { line: 43, w: { head: TWO, tail: TWO } },
      { line: 44, w: { head: TWO, tail: ONE } },
      { line: 45, w: { head: TWO, tail: ONE } },
      { line: 46, w: { head: TWO, tail: ONE } },
      { line: 47 },
      { line: 48 },
    ]),
  );
  fileCheck(readFileSync(p, 'utf8'), v.report);
  // head: three values (max 21); rec_spare is declared on a line never reached, so it stays
  // unresolved and missing (6); rec_one then rec_two are seen in order. tail: two values
  // (max 14), seen rec_two (step 4) then rec_one (step 7): two misordered changes (3 + 3).
  // Score 1 - (6 + 6) / (21 + 14).
  close(v.metrics.score, 1 - 12 / 35);
  assert.equal(v.pass, false);
  assert.match(v.report, /'rec_one': 0x00000000004172b0\n  'rec_two': 0x00000000004172d0\n/);
  assert.match(v.report, /\[head\] ExpectValue \[6\/21\]/);
  assert.match(v.report, /\[tail\] ExpectValue \[6\/14\]/);
});

test('DexExpectProgramState matches frames by line and watches, in any frame', () => {
  const p = source(
    'state.cpp',
    [
      'int gcd(int a, int b) {',
      "  if (b == 0) // DexLabel('check')",
      '    return a;',
      '  return gcd(b, a % b);',
      '}',
      'int main() { return gcd(6, 4); }',
      "/* DexExpectProgramState({'frames': [{'location': {'lineno': ref('check')}, 'watches': {'b': '0'}},",
      "                                     {'watches': {'b': '2'}}]}, times=1) */",
    ].join('\n'),
  );
  const caller: Frame = { function: 'gcd', file: p, line: 4, address: undefined };
  const run = (b0: string): Trace =>
    trace(p, [
      { line: 6 },
      { line: 2, fn: 'gcd', callers: [{ function: 'main', file: p, line: 6, address: undefined }], w: { b: '4' } },
      { line: 2, fn: 'gcd', callers: [caller, { function: 'main', file: p, line: 6, address: undefined }], w: { b: '2', [watchKey('b', 1)]: '4' } },
      { line: 2, fn: 'gcd', callers: [caller, caller], w: { b: b0, [watchKey('b', 1)]: '2' } },
    ]);
  const ok = judge(p, run('0'));
  close(ok.metrics.score, 1);
  assert.match(ok.report, /  expected program states \[0\/4\]\n    expected 1 times: \{'frames': \[\{'location': \{'lineno': 2\}, 'watches': \{'b': '0'\}\}, \{'watches': \{'b': '2'\}\}\]\}:\n      1 times\n/);
  const bad = judge(p, run('1'));
  close(bad.metrics.score, 0);
  assert.match(bad.report, /      0 times \[-4\]\n/);
});

test('step kinds: FUNC, FUNC_EXTERNAL, FUNC_UNKNOWN, VERTICAL_*, SAME (GDB gives no column)', () => {
  const other = source('lib.h', 'inline int f() { return 1; }\n');
  const p = source(
    'kinds.cpp',
    [
      'int main() {',
      '  for (int i = 0; i < 2; ++i) {',
      '    i = i;',
      '  }',
      '  return 0;',
      '}',
      "// DexExpectStepKind('FUNC', 1)",
      "// DexExpectStepKind('VERTICAL_FORWARD', 3)",
      "// DexExpectStepKind('VERTICAL_BACKWARD', 2)",
      "// DexExpectStepKind('SAME', 1)",
      "// DexExpectStepKind('FUNC_EXTERNAL', 1)",
      "// DexExpectStepKind('FUNC_UNKNOWN', 1)",
      "// DexExpectStepKind('HORIZONTAL_FORWARD', 0)",
    ].join('\n'),
  );
  const main: Frame = { function: 'main', file: p, line: 5, address: undefined };
  const t = trace(p, [
    { line: 2 }, // FUNC
    { line: 3 }, // VERTICAL_FORWARD
    { line: 2 }, // VERTICAL_BACKWARD
    { line: 3 }, // VERTICAL_FORWARD
    { line: 2 }, // VERTICAL_BACKWARD
    { line: 2 }, // SAME
    { line: 5 }, // VERTICAL_FORWARD
    { line: 1, fn: 'f', file: other, callers: [main] }, // FUNC_EXTERNAL
    { line: 5 }, // back in main's frame: compared with main's last step, SAME... (line 5 again)
    { line: 7, fn: 'g', file: undefined, callers: [main] }, // FUNC_UNKNOWN
  ]);
  // The step after f returns is SAME (line 5, as main's last step); with two SAME the
  // SAME expectation is off by one: penalty 1 of max 2 * 1.
  const v = judge(p, t);
  assert.match(v.report, /  step kind differences \[1\/\d+\]\n/);
  assert.match(v.report, /    StepKind\.SAME:\n      1 \[-1\]\n/);
  assert.match(v.report, /    StepKind\.FUNC_EXTERNAL:\n      0\n/);
  // Max: FUNC 2, VF 6, VB 4, SAME 2, EXT 2, UNK 2, HF max(0, 1) = 1 → 19.
  close(v.metrics.score, 1 - 1 / 19);
  assert.match(v.report, /\[8, "f", "[^"]*lib\.h", 1, null, null, "StepKind\.FUNC_EXTERNAL", \[\]\]/);
});

test('float_range accepts a value within range; GDB forms of chars and pointers match', () => {
  const p = source('float.cpp', ['int main() {', '  float f = 1.52f;', '  return 0;', '}', "// DexExpectWatchValue('f', 1.5, float_range=0.05, on_line=3)", "// DexExpectWatchValue('c', \"'a'\", on_line=3)"].join('\n'));
  const v = judge(p, trace(p, [{ line: 2 }, { line: 3, w: { f: '1.51999998', c: "97 'a'" } }]));
  close(v.metrics.score, 1);
});

test('an aborted run fails with its reason and no score', () => {
  const v = judge(LOOP, { steps: [], aborted: 'maximum number of steps reached (10)' });
  assert.equal(v.pass, false);
  assert.equal(v.reason, 'maximum number of steps reached (10)');
  assert.equal(v.report, 'loop.cpp: nan/nan (nan) [maximum number of steps reached (10)]\n');
});

test('a test that scores nothing has a NaN score and does not fail, as under Dexter', () => {
  const p = source('none.cpp', "int main() { return 0; } // DexLabel('x')\n");
  const v = judge(p, trace(p, [{ line: 1 }]));
  assert.ok(Number.isNaN(v.metrics.score));
  assert.equal(v.pass, true);
  assert.match(v.report, /^none\.cpp: \(nan\)/);
});
