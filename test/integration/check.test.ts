// `jitdbg check` as a user runs it, a fresh process each time: the corpus in parity mode, and
// the runner itself failing where it must (a wrong value, a wrong CHECK, a hang, a malformed
// directive, a real difference between the native and the JIT link).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../fixtures/corpus.js';
import { cli } from './gdb-harness.js';

interface Results {
  tests: { file: string; format: string; mode: string; status: string; reason: string | null; metrics: Record<string, number> }[];
  differences: { file: string; step: number; native: string; jit: string }[];
}

const out = mkdtempSync(join(tmpdir(), 'jitdbg-check-test-'));
process.on('exit', () => rmSync(out, { recursive: true, force: true }));
let runs = 0;

/** `jitdbg check ARGS --json F`: exit status, stdout and the parsed JSON. */
function check(...args: string[]): { status: number | null; stdout: string; stderr: string; json: Results } {
  const file = join(out, `${++runs}.json`);
  const r = spawnSync(process.execPath, [cli, 'check', '--json', file, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: JSON.parse(readFileSync(file, 'utf8')) as Results };
}

const fixture = (name: string) => join('test', 'check', name);

test('the corpus passes in parity mode: every test native and under the JIT, no difference', () => {
  const junit = join(out, 'corpus.xml');
  const r = check('--mode', 'parity', '-j', '2', '--junit', junit, 'test/debuginfo');
  const failing = r.json.tests.filter((t) => t.status !== 'pass');
  assert.deepEqual(failing.map((t) => `${t.file} [${t.mode}]: ${t.reason}`), [], r.stdout);
  assert.deepEqual(r.json.differences, [], r.stdout);
  assert.equal(r.status, 0, r.stdout);
  const files = new Set(r.json.tests.map((t) => t.file));
  assert.ok(files.size >= 30, `${files.size} tests`);
  assert.deepEqual(new Set(r.json.tests.map((t) => t.format)), new Set(['dexter-script', 'dexter-commands', 'llgdb']));
  assert.equal(r.json.tests.length, 2 * files.size, 'one entry per test and mode');
  const xml = readFileSync(junit, 'utf8');
  assert.equal((xml.match(/<testcase /g) ?? []).length, r.json.tests.length);
  assert.match(r.stdout, new RegExp(`^${r.json.tests.length} test runs of ${files.size} files: ${r.json.tests.length} passed, 0 failed, 0 errors, 0 differences in 0 tests`, 'm'));
});

test('a wrong value in a Dexter command-format test fails with a score below 1, in both modes alike', () => {
  const r = check('--mode', 'parity', fixture('wrong-value.c'));
  assert.equal(r.status, 1);
  for (const t of r.json.tests) {
    assert.equal(t.status, 'fail', `${t.mode}: ${t.reason}`);
    assert.ok(t.metrics.score! < 1 && t.metrics.score! >= 0, `score ${t.metrics.score}`);
  }
  assert.equal(r.json.tests[0]!.metrics.score, r.json.tests[1]!.metrics.score);
  assert.deepEqual(r.json.differences, []);
});

test('a wrong value in a Dexter script fails and counts it as missing', () => {
  const r = check('--mode', 'native', fixture('wrong-script.c'));
  assert.equal(r.status, 1);
  const t = r.json.tests[0]!;
  assert.equal(t.status, 'fail');
  assert.equal(t.format, 'dexter-script');
  assert.equal(t.metrics.missing_values, 1, JSON.stringify(t.metrics));
});

test('a wrong CHECK in an llgdb test fails and the report names its line', () => {
  const r = check('--mode', 'jit', fixture('wrong-check.c'));
  assert.equal(r.status, 1);
  assert.equal(r.json.tests[0]!.status, 'fail');
  assert.match(r.stdout, /wrong-check\.c:10:.*CHECK: expected string not found/);
});

test('a malformed directive is a failure naming its file and line, not a crash', () => {
  const r = check('--mode', 'native', fixture('malformed.c'));
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.json.tests[0]!.status, 'fail');
  assert.match(r.json.tests[0]!.reason ?? '', /malformed\.c:4: /);
});

test('a hung program fails on its time budget and leaves no GDB or program behind', () => {
  const r = check('--mode', 'parity', '--timeout', '8', fixture('hang.c'));
  assert.equal(r.status, 1);
  for (const t of r.json.tests) {
    assert.equal(t.status, 'fail', t.mode);
    assert.match(t.reason ?? '', /timed out/);
  }
  const left = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('jitdbg-check-');
    } catch {
      return false;
    }
  });
  assert.deepEqual(left, []);
});

test('parity reports a real difference between the native and the JIT link, step and values', () => {
  const r = check('--mode', 'parity', fixture('differ.c'));
  assert.equal(r.status, 1);
  assert.ok(r.json.differences.length >= 1, r.stdout);
  // The loops run a different number of times: the first difference is where the native run
  // has left its loop (n is the executable path's length) and the JIT run has not.
  const d = r.json.differences.find((x) => /^n = \d+$/.test(x.native));
  assert.ok(d, JSON.stringify(r.json.differences));
  assert.notEqual(d.jit, d.native);
  assert.equal(r.json.differences[0]!.step, d.step);
  assert.match(r.stdout, /DIFFER test\/check\/differ\.c: \d+ differences? between native and JIT/);
});

test('check: bad arguments are one line and exit status 1', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'check', ...args], { cwd: root, encoding: 'utf8' });
  for (const [args, pattern] of [
    [[], /^jitdbg: check: no tests given/],
    [['--mode', 'both', 'x.c'], /^jitdbg: check: --mode is jit, native or parity, not 'both'/],
    [['-j', 'zero', 'x.c'], /^jitdbg: check: -j needs a number of at least 1, got 'zero'/],
    [['--nope'], /^jitdbg: check: unknown option '--nope'/],
    [['no/such/test.c'], /^jitdbg: no\/such\/test\.c: no such file or directory/],
    [['docs'], /^jitdbg: docs: no tests in this directory/],
  ] as const) {
    const r = run(...args);
    assert.equal(r.status, 1, `${args}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  }
});

test('--update fills a Dexter script\'s empty expectations with what GDB showed, and the test then passes under the JIT', () => {
  const dir = mkdtempSync(join(out, 'update-'));
  const file = join(dir, 'fill.c');
  writeFileSync(file, [
    'int main(void) {',
    '  int total = 0;',
    '  for (int i = 0; i < 3; i++)',
    '    total += i; // !dex_label body',
    '  return total - 3;',
    '}',
    '/*',
    '---',
    '!where {lines: !label body}:',
    '  ? !value i',
    '  ? !value total',
    '...',
    '*/',
    '',
  ].join('\n'));
  const r = check('--mode', 'native', '--update', file);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /^updated /m);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /!value i: \[0, 1, 2\]/);
  assert.match(text, /!value total: \[0, 1\]/);
  const again = check('--mode', 'jit', file);
  assert.equal(again.status, 0, again.stdout);
  assert.equal(again.json.tests[0]!.metrics.missing_values, 0);
});

test('a program jitdbg cannot link is an error that says why, not a failed test; the native run still runs', () => {
  const r = check('--mode', 'parity', fixture('unlinkable.c'));
  assert.equal(r.status, 1);
  const [native, jit] = r.json.tests;
  assert.equal(native!.status, 'pass', native!.reason ?? '');
  assert.equal(jit!.status, 'error');
  assert.match(jit!.reason ?? '', /^the program ended \(exit status 1\) before reaching main; it printed: jitdbg: .*undefined symbols: __asan_/);
  assert.deepEqual(r.json.differences, []);
});
