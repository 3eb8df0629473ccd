// `jitdbg gdb`: GDB's own prompt on `jitdbg run`, breakpoints set and gdb-scripts loaded. GDB
// reads the commands a user would type from stdin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../fixtures/corpus.js';
import { cli, program, withListeningExecutor } from './gdb-harness.js';

function jitdbgGdb(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [cli, 'gdb', ...args], { input, encoding: 'utf8', cwd: root, timeout: 120_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test('jitdbg gdb examples/hello.c --break compare: the breakpoint is hit, bt and jitdbg list work', () => {
  const r = jitdbgGdb(['--break', 'compare', '--break', 'hello.c:12', join('examples', 'hello.c'), '--', 'world'], [
    'set width 0', 'run', 'bt', 'jitdbg list', 'delete 1', 'continue', 'info locals', 'continue', 'quit',
  ].join('\n'));
  assert.match(r.stdout, /Breakpoint 1(\.\d+)?, compare \(a=0x[0-9a-f]+, b=0x[0-9a-f]+\) at examples\/hello\.c:6/);
  assert.match(r.stdout, /#0 +compare \(/);
  assert.match(r.stdout, / descriptor 0x[0-9a-f]+ in \/\S+\/libjitdbg-jit-[0-9a-f]+\.so: version 1, action_flag 0, 1 entries\n/);
  assert.match(r.stdout, /^ {2}0 +0x[0-9a-f]+ +0x[0-9a-f]+ +\d+ +examples\/hello\.c +0x[0-9a-f]+-0x[0-9a-f]+ +2$/m);
  assert.match(r.stdout, /Breakpoint 2(\.1)?, main \(argc=2, argv=0x[0-9a-f]+\) at examples\/hello\.c:12/);
  assert.match(r.stdout, /v = \{3, 7, 19, 42\}/);
  assert.match(r.stdout, /hello, world: sorted 3 7 19 42/);
  assert.match(r.stdout, /exited normally/);
  assert.equal(r.status, 0);
});

test('jitdbg gdb --executor spawn: GDB runs the executor, the program is linked into it on run; breakpoints, bt and locals work; a second run runs it again', () => {
  const r = jitdbgGdb(['--executor', 'spawn', '--break', 'compare', '--break', 'hello.c:12', join('examples', 'hello.c'), '--', 'world'], [
    'set width 0', 'run', 'bt', 'jitdbg list', 'delete 1', 'continue', 'info locals', 'continue', 'run', 'quit',
  ].join('\n'));
  assert.match(r.stdout, /Starting program: \S+node \S+main\.js executor --listen 127\.0\.0\.1:0 --token-file /);
  assert.match(r.stdout, /Breakpoint 1(\.\d+)?, compare \(a=0x[0-9a-f]+, b=0x[0-9a-f]+\) at examples\/hello\.c:6/);
  assert.match(r.stdout, /#\d+ +0x[0-9a-f]+ in main \(argc=2, argv=0x[0-9a-f]+\) at examples\/hello\.c:10/);
  assert.match(r.stdout, /^ {2}0 +0x[0-9a-f]+ +0x[0-9a-f]+ +\d+ +examples\/hello\.c +0x[0-9a-f]+-0x[0-9a-f]+ +2$/m);
  assert.match(r.stdout, /Breakpoint 2(\.1)?, main \(argc=2, argv=0x[0-9a-f]+\) at examples\/hello\.c:12/);
  assert.match(r.stdout, /v = \{3, 7, 19, 42\}/);
  assert.match(r.stdout, /hello, world: sorted 3 7 19 42/);
  assert.match(r.stdout, /\[Inferior 1 \(process \d+\) exited normally\]/);
  // The second run is a new executor, and the program runs in it again.
  assert.equal(r.stdout.match(/Starting program: .* executor --listen/g)?.length, 2, r.stdout);
  assert.equal(r.stdout.match(/hello, world: sorted 3 7 19 42/g)?.length, 2, r.stdout);
  assert.equal(r.stdout.match(/exited normally/g)?.length, 2, r.stdout);
  assert.equal(r.status, 0);
});

test('jitdbg gdb --executor HOST:PORT: GDB attaches to a running executor on this machine, and the program runs there', async () => {
  await withListeningExecutor(async ({ address, tokenFile, printed, ended }) => {
    const r = await new Promise<{ stdout: string; status: number | null }>((resolve) => {
      const g = spawn(process.execPath, [cli, 'gdb', '--executor', address, '--token-file', tokenFile, '--break', 'compare', join('examples', 'hello.c'), '--', 'there'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      g.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      g.stdin.end(['set width 0', 'bt 1', 'info args', 'delete', 'continue', 'quit'].join('\n'));
      g.on('exit', (status) => resolve({ stdout: out, status }));
    });
    // The stop comes during GDB's own `continue`, before `set width 0`: GDB may wrap it.
    assert.match(r.stdout, /Breakpoint 1(\.\d+)?, compare \(a=0x[0-9a-f]+,\s+b=0x[0-9a-f]+\) at examples\/hello\.c:6/);
    assert.match(r.stdout, /#0 +compare \(/);
    assert.equal(await ended, 0, 'the executor exits with main\'s status');
    assert.match(printed(), /hello, there: sorted 3 7 19 42/, 'the program printed where the executor prints');
  });
});

// Node has a main too, and GDB would stop there first, then `next` through node::Start.
test('jitdbg gdb --break main stops first in the program\'s main, bt ends there, no pending-breakpoint noise', () => {
  const r = jitdbgGdb(['--break', 'main', join('examples', 'hello.c')], ['set width 0', 'run', 'next', 'bt', 'quit'].join('\n'));
  assert.match(r.stdout, /^Breakpoint 1 at 0x[0-9a-f]+: file examples\/hello\.c, line 9\.$/m);
  assert.match(r.stdout, /hit Breakpoint 1(\.\d+)?, main \(argc=1, argv=0x[0-9a-f]+\) at examples\/hello\.c:9\n9\t.*\n\(gdb\) 10\t/);
  assert.match(r.stdout, /#0 +main \(argc=1, .*\n#1 +<\d+ host frames elided: bt -no-filters shows them> \(\)\n/);
  assert.doesNotMatch(r.stdout + r.stderr, /not defined|pending/i);
});

test('jitdbg gdb --break NAME that no JIT code defines: one warning when the program exits', () => {
  const r = jitdbgGdb(['--break', 'no_such_function', '--break', 'main', join('examples', 'hello.c')], ['run', 'continue', 'quit'].join('\n'));
  assert.match(r.stdout, /hit Breakpoint 1(\.\d+)?, main /);
  assert.match(r.stdout, /exited normally/);
  assert.match(r.stderr, /^warning: jitdbg-break no_such_function: no JIT code defined it while the program ran$/m);
  assert.doesNotMatch(r.stderr, /jitdbg-break main/);
});

test('jitdbg gdb: usage errors are one line, before GDB starts', () => {
  const none = jitdbgGdb(['--break', 'main']);
  assert.equal(none.status, 1);
  assert.equal(none.stderr, "jitdbg: gdb: no input files (try 'jitdbg gdb --help')\n");
  const missing = jitdbgGdb(['--gdb', '/nonexistent/gdb', 'examples/hello.c']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^jitdbg: gdb: cannot start \/nonexistent\/gdb: no such program /);
});

test('jitdbg run --dump-images DIR writes the images registered: one per batch, read by llvm-dwarfdump without a linker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-dump-'));
  try {
    const p = program('calls.O0');
    const r = spawnSync(process.execPath, [cli, 'run', '--dump-images', dir, ...p.objects], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(dir), ['calls.O0.o+1.elf']);
    const image = join(dir, 'calls.O0.o+1.elf');
    const info = spawnSync('llvm-dwarfdump-14', ['--debug-info', image], { encoding: 'utf8' }).stdout;
    assert.deepEqual([...info.matchAll(/DW_AT_name\s+\("([^"]+\.c)"\)/g)].map((m) => m[1]!.split('/').pop()), ['calls.c', 'util.c']);
    assert.match(spawnSync('llvm-dwarfdump-14', ['--verify', image], { encoding: 'utf8' }).stdout, /No errors\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('jitdbg gdb: a file that does not compile or link is one line before GDB starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-gdbcheck-'));
  try {
    writeFileSync(join(dir, 'bad.c'), 'int main(void) { return }\n');
    writeFileSync(join(dir, 'undef.c'), 'int jitdbg_nowhere(void);\nint main(void) { return jitdbg_nowhere(); }\n');
    const bad = jitdbgGdb([join(dir, 'bad.c')], 'quit\n');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /\njitdbg: .*bad\.c: cc -g -c failed\n$/);
    const undef = jitdbgGdb([join(dir, 'undef.c')], 'quit\n');
    assert.equal(undef.status, 1);
    assert.equal(undef.stderr, `jitdbg: ${join(dir, 'undef.c')}: undefined symbol: jitdbg_nowhere (needed by ${join(dir, 'undef.c')})\n`);
    for (const r of [bad, undef]) assert.doesNotMatch(r.stdout, /Reading symbols|\(gdb\)/, 'GDB did not start');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
