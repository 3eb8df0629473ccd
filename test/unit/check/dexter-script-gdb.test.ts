// Dexter scripts under real GDB: the fixtures of test/check/script built with -g -O0, recorded
// natively and under the JIT through GdbDebugger, and judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GdbDebugger } from '../../../src/check/gdb.js';
import { dexterScript } from '../../../src/check/dexter/script/index.js';
import type { Trace, Verdict } from '../../../src/check/format.js';
import { root } from '../../fixtures/corpus.js';

const have = (cmd: string) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const skip = !have('gdb') || !have('gcc') || !have('g++') ? 'gdb, gcc or g++ missing' : false;

async function run(name: string, mode: 'native' | 'jit'): Promise<{ trace: Trace; verdict: Verdict }> {
  const file = join(root, 'test', 'check', 'script', name);
  const dir = mkdtempSync(join(tmpdir(), 'dexter-script-'));
  try {
    const cc = name.endsWith('.cpp') ? 'g++' : 'gcc';
    const obj = join(dir, 'prog.o');
    const exe = join(dir, 'prog');
    execFileSync(cc, ['-g', '-O0', '-c', file, '-o', obj]);
    execFileSync(cc, ['-g', obj, '-o', exe]);
    const text = readFileSync(file, 'utf8');
    assert.ok(dexterScript.detect(text));
    const t = dexterScript.parse({ path: file, text });
    const d = await GdbDebugger.open({
      mode,
      program: mode === 'native' ? [exe] : [obj],
      args: [],
      sources: [file],
      cwd: dir,
      output: join(dir, 'out'),
      deadline: Date.now() + 90_000,
      maxSteps: 500,
    });
    let trace: Trace;
    try {
      trace = await t.record(d, { maxSteps: 500 });
    } finally {
      await d.close();
    }
    return { trace, verdict: t.judge(trace) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const mode of ['native', 'jit'] as const) {
  test(`${mode}: a mixed script gives Dexter's figures for it`, { skip }, async () => {
    const { verdict } = await run('basic.c', mode);
    assert.equal(verdict.pass, false);
    for (const line of ['total_watched_steps: 6', 'correct_steps: 4', 'missing_var_steps: 1', 'unexpected_value_steps: 1', 'correct_step_coverage: 66.7% (4/6)', 'seen_values: 5', 'missing_values: 5'])
      assert.ok(verdict.report.split('\n').includes(line), `${line} in\n${verdict.report}`);
  });

  test(`${mode}: chars, pointers, members, floats, addresses and types as GDB prints them`, { skip }, async () => {
    const { verdict } = await run('values.cpp', mode);
    assert.equal(verdict.pass, true, `${verdict.reason}\n${verdict.report}`);
    assert.equal(verdict.metrics.seen_types, 4);
    assert.equal(verdict.metrics.correct_step_coverage, 100);
  });

  test(`${mode}: nested wheres, hit counts, conditions, !step and !then steer the run`, { skip }, async () => {
    const { trace, verdict } = await run('control.c', mode);
    assert.equal(verdict.pass, true, `${verdict.reason}\n${verdict.report}`);
    assert.equal(verdict.metrics.total_line_steps, 10);
    // !then finish ends the run on the `end` line, before main returns.
    const last = trace.steps[trace.steps.length - 1]!;
    assert.equal(last.frames[0]!.function, 'main');
    assert.equal(trace.exitCode, undefined);
  });
}
