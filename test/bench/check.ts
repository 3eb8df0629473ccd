// `npm run bench -- check`: `jitdbg check` as a user waits for it, each a fresh process.
//   check.corpus.seconds            the whole corpus (test/debuginfo) in parity mode, -j default
//   check.step_overhead_ratio       test/check/steps2000.c (about 2,000 line steps, a value
//                                   watched at each) under `jitdbg check --mode native`, over
//                                   the same steps and prints as a plain `gdb -batch` script on
//                                   the same program, compile and link included on both sides
//   check.steps2000.jit_seconds     the same test under the JIT (GDB on Node: a second figure)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../fixtures/corpus.js';
import { cli } from '../integration/gdb-harness.js';
import { figure, median } from './measure.js';

const STEPS_TEST = join(root, 'test', 'check', 'steps2000.c');

/** Wall seconds of a command; it must succeed. */
function seconds(cmd: string, args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${r.stderr.slice(-500)}`);
  return Number(process.hrtime.bigint() - t) / 1e9;
}

export async function check(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-bench-check-'));
  try {
    const jitdbg = median([1, 2, 3].map(() => seconds(process.execPath, [cli, 'check', '--mode', 'native', STEPS_TEST])));
    // The same steps as a GDB script: main's first line, the steps in sum each with n printed
    // (all but main's first stop and the two after sum returns), then on to the exit.
    const results = join(dir, 'steps.json');
    seconds(process.execPath, [cli, 'check', '--mode', 'native', '--json', results, STEPS_TEST]);
    const steps = (JSON.parse(readFileSync(results, 'utf8')) as { tests: { metrics: { steps: number } }[] }).tests[0]!.metrics.steps;
    const script = join(dir, 'steps.gdb');
    writeFileSync(script, ['set debuginfod enabled off', 'break main', 'run', ...Array.from({ length: steps - 3 }, () => 'step\nprint n'), 'step', 'step', 'continue', ''].join('\n'));
    const exe = join(dir, 'steps');
    const gdb = median([1, 2, 3].map(() => seconds('cc', ['-g', '-O0', STEPS_TEST, '-o', exe]) + seconds('gdb', ['-q', '-nx', '-batch', '-x', script, exe])));
    figure('check.steps2000.jitdbg_seconds', jitdbg, 's');
    figure('check.steps2000.gdb_batch_seconds', gdb, 's');
    figure('check.step_overhead_ratio', jitdbg / gdb, 'x');
    figure('check.steps2000.jit_seconds', seconds(process.execPath, [cli, 'check', '--mode', 'jit', STEPS_TEST]), 's');
    figure('check.corpus.seconds', seconds(process.execPath, [cli, 'check', '--mode', 'parity', join(root, 'test', 'debuginfo')]), 's');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
