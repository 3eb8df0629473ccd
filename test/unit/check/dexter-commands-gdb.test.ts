// Dexter command tests recorded under GDB (src/check/gdb.ts) and judged: the default controller
// (stepping, DexFinishTest), the conditional one (DexLimitSteps ranges and conditions,
// DexFinishTest with hit_count), the step budget, and one run under the JIT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../../src/check/build.js';
import { GdbDebugger } from '../../../src/check/gdb.js';
import type { Trace, Verdict } from '../../../src/check/format.js';
import { dexterCommands } from '../../../src/check/dexter/commands/index.js';
import { fileCheckText } from '../../../src/check/filecheck.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const dir = join(root, 'test/check/commands');

function have(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const skip = !have('gdb') || !have('gcc') ? 'gdb and gcc are needed' : false;

async function run(name: string, mode: 'native' | 'jit' = 'native', maxSteps = 10_000): Promise<{ trace: Trace; verdict: Verdict }> {
  const file = join(dir, name);
  const t = dexterCommands.parse({ path: file, text: readFileSync(file, 'utf8') });
  const work = mkdtempSync(join(tmpdir(), 'dexcmd-gdb-'));
  try {
      const prog = await build([file], t.flags.length ? t.flags : ['-g', '-O0'], { cc: 'gcc', cxx: 'g++' }, work, true);
    const d = await GdbDebugger.open({
      mode,
      program: mode === 'native' ? [prog.exe] : prog.objects,
      args: t.args,
      sources: [file],
      cwd: dirname(file),
      output: join(work, 'out'),
      deadline: Date.now() + 100_000,
      maxSteps: 10_000,
    });
    try {
      const trace = await t.record(d, { maxSteps });
      return { trace, verdict: t.judge(trace) };
    } finally {
      await d.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test('default controller: values through calls, a char, FUNC steps; perfect score', { skip }, async () => {
  const { trace, verdict } = await run('values.c');
  assert.equal(verdict.pass, true, verdict.report);
  assert.equal(verdict.metrics.score, 1);
  assert.equal(trace.exitCode, 0);
  assert.equal(trace.steps[0]!.frames[0]!.function, 'main');
  assert.match(verdict.report, /^values\.c: \(1\.0000\)\n/);
  assert.match(verdict.report, /\[c\] ExpectValue \[0\/7\]\n    expected encountered watches:\n      'a'\n/);
  // The loop counter is watched only on its line: nowhere else is it evaluated.
  const loopLine = 12;
  for (const s of trace.steps) assert.equal('i' in s.watches, s.frames[0]!.line === loopLine);
});

test('default controller: DexFinishTest ends the run at its condition', { skip }, async () => {
  const { trace, verdict } = await run('finish_default.c');
  assert.equal(verdict.pass, true, verdict.report);
  assert.equal(trace.exitCode, undefined);
  const last = trace.steps[trace.steps.length - 1]!;
  assert.equal(last.watches.i?.value, '3');
});

test('conditional controller: overlapping DexLimitSteps ranges record only their lines', { skip }, async () => {
  const { trace, verdict } = await run('limit_steps_ranges.c');
  assert.equal(verdict.pass, true, verdict.report);
  // n == 6 from `first` (5) to `last` (15); a == 0 at 8-9 and b == 3 at 12-13.
  const lines = trace.steps.map((s) => s.frames[0]!.line);
  assert.ok(lines.every((l) => l !== undefined && l >= 5 && l <= 15), lines.join(','));
  assert.ok(lines.length < 20, `only the limited lines: ${lines.join(',')}`);
});

test('conditional controller: DexFinishTest with a condition and hit_count', { skip }, async () => {
  const { trace, verdict } = await run('finish_limit_steps.c');
  assert.equal(verdict.pass, true, verdict.report);
  assert.deepEqual(
    trace.steps.map((s) => s.watches.x?.value),
    ['0', '1', '2', '3', '0', '1', '2', '3', '0', '1', '2'],
  );
});

test('the step budget ends the run with a clear reason, and the test fails', { skip }, async () => {
  const { trace, verdict } = await run('values.c', 'native', 5);
  assert.equal(trace.aborted, 'maximum number of steps reached (5)');
  assert.equal(verdict.pass, false);
  assert.equal(verdict.reason, 'maximum number of steps reached (5)');
});

test('under the JIT the same test scores the same', { skip }, async () => {
  const { verdict } = await run('values.c', 'jit');
  assert.equal(verdict.pass, true, verdict.report);
  assert.equal(verdict.metrics.score, 1);
});

test('failing tests under GDB: the reports match their CHECK lines and scores', { skip }, async () => {
  // Scores worked out in test/unit/check/dexter-commands-score.test.ts.
  for (const [name, score] of [
    ['addresses.cpp', 1 - 12 / 35],
    ['step_order.cpp', 1 - 4 / 40],
    ['out_of_scope.cpp', 1 - 5 / 28],
  ] as const) {
    const { verdict } = await run(name);
    const checked = fileCheckText(readFileSync(join(dir, name), 'utf8'), verdict.report);
    assert.ok(checked.pass, checked.report);
    assert.ok(Math.abs(verdict.metrics.score! - score) < 1e-12, `${name}: ${verdict.metrics.score} != ${score}\n${verdict.report}`);
    assert.equal(verdict.pass, false); // each RUN line expects `not`
  }
});

test('perfect tests score 1.0 under GDB: program state, hit_count, addresses, command line, GDB value forms', { skip }, async () => {
  for (const name of ['perfect_state.cpp', 'perfect_hits.cpp', 'perfect_addr.cpp', 'perfect_cmdline.c', 'perfect_count.cpp', 'perfect_chars.c']) {
    const { trace, verdict } = await run(name);
    assert.equal(verdict.metrics.score, 1, `${name}\n${verdict.report}`);
    assert.equal(verdict.pass, true);
    if (name === 'perfect_count.cpp') assert.equal(trace.steps.length, 3);
    if (name === 'perfect_hits.cpp') assert.equal(trace.steps.length, 2);
  }
});
