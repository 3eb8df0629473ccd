// What GDB knows as modules come and go: after module.dispose() it no longer knows the module's
// functions and `maint info jit` lists one entry fewer; a GDB that attaches to a running program
// finds the modules registered before it came; a module with broken DWARF still runs under GDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { MiError, toMiFrame, type MiTuple } from '../../src/mi/index.js';
import { root } from '../fixtures/corpus.js';
import { cli, place, program, SETUP, targets, withGdb, type Target } from './gdb-harness.js';

const host = join(root, 'dist', 'test', 'integration', 'jit-host.js');
const fact = program('fact.O0').objects[0]!;
const util = program('calls.O0').objects.find((o) => o.includes('util'))!;

/** The entries `maint info jit` lists. */
function jitEntries(text: string): number {
  return text.split('\n').filter((l) => /^0x[0-9a-f]+\s/.test(l)).length;
}

test('after module.dispose() GDB no longer knows its functions and lists one JIT entry fewer', async () => {
  await withGdb(['--args', process.execPath, host, 'dispose', fact, util], async (g) => {
    await g.break('accumulate');
    const first = await g.exec('-exec-run');
    assert.equal(first.frame?.func, 'accumulate');
    const before = { entries: jitEntries(await g.console('maint info jit')), functions: await g.console('info functions ^fact$') };
    const second = await g.exec('-exec-continue');
    assert.equal(second.frame?.func, 'accumulate');
    const after = { entries: jitEntries(await g.console('maint info jit')), functions: await g.console('info functions ^fact$') };
    assert.equal(before.entries, 2);
    assert.equal(after.entries, 1);
    assert.match(before.functions, /fact\.c:\n12:\s+int fact\(int\);/);
    assert.doesNotMatch(after.functions, /fact\(/);
    await assert.rejects(g.console('info line fact'), (e: MiError) => e.kind === 'gdb' && /Function "fact" not defined/.test(e.gdbMessage));
  });
});

test('a module of a batch (one image) disposed: GDB forgets it and keeps the others', async () => {
  await withGdb(['--args', process.execPath, host, 'batch', fact, util], async (g) => {
    await g.break('accumulate');
    await g.exec('-exec-run');
    const before = { entries: jitEntries(await g.console('maint info jit')), functions: await g.console('info functions ^fact$') };
    const second = await g.exec('-exec-continue');
    assert.deepEqual(place(second.frame), { func: 'accumulate', file: second.frame?.file, line: 9 }, 'util still has its DWARF');
    const after = { entries: jitEntries(await g.console('maint info jit')), functions: await g.console('info functions ^fact$') };
    assert.equal(before.entries, 1);
    assert.equal(after.entries, 1);
    assert.match(before.functions, /12:\s+int fact\(int\);/);
    assert.doesNotMatch(after.functions, /fact\(/);
    assert.match(await g.console('info functions ^accumulate$'), /long accumulate\(long\);/);
  });
});

// GDB leaves a JIT image's breakpoint locations inserted when the image goes; the JIT then frees
// the code, and GDB's next stop said "Cannot remove breakpoints because program is no longer writable".
test('a module disposed with a breakpoint inserted in it: GDB goes on without an error, the location disabled', () => {
  const commands = [...SETUP, 'break fact', 'break accumulate', 'run', 'continue', 'info breakpoints', 'continue'];
  const r = spawnSync('gdb', ['-nx', '-batch', ...commands.flatMap((c) => ['-ex', c]), '--args', process.execPath, host, 'dispose', fact, util], {
    encoding: 'utf8', timeout: 120_000,
  });
  const text = r.stdout + r.stderr;
  assert.doesNotMatch(text, /no longer writable|probably impossible/);
  assert.equal([...text.matchAll(/hit Breakpoint 2, accumulate \(v=\d\)/g)].length, 2, text);
  assert.match(text, /^1\.1 +n +0x[0-9a-f]+ *$/m, 'the location in the disposed module is disabled');
  assert.match(text, /exited normally/);
});

test('GDB attaching to a running program (gdb -p) sees the modules registered before', async () => {
  const child = spawn(process.execPath, [host, 'attach', fact], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    assert.match(line.toString(), /^ready \d+/);
    await withGdb(['-p', String(child.pid)], async (g) => {
      // The stop that attaching makes: taken now, so that the continue below waits for its own.
      await g.mi.waitForStop();
      assert.equal(jitEntries(await g.console('maint info jit')), 1);
      assert.match(await g.console('info functions ^fact$'), /12:\s+int fact\(int\);/);
      await g.break('fact');
      const stop = await g.exec('-exec-continue');
      assert.deepEqual(place(stop.frame), { func: 'fact', file: stop.frame?.file, line: 13 });
      assert.match(stop.frame?.file ?? '', /fact\.c$/);
      assert.match(await g.console('info args'), /^n = 3\n$/);
      await g.console('detach');
    });
  } finally {
    child.kill('SIGKILL');
  }
});

test('below the JIT main, bt shows one line for the host frames; -no-filters shows koffi, then V8 calling it', async () => {
  await withGdb(['--args', process.execPath, cli, 'run', fact], async (g) => {
    await g.break('fact');
    await g.exec('-exec-run');
    const frames = async (command: string) => ((await g.mi.command(command)).results.stack as MiTuple[]).map(toMiFrame);
    const filtered = await frames('-stack-list-frames');
    assert.deepEqual(filtered.map((f) => f.func?.replace(/\d+/, 'N')), ['fact', 'main', '<N host frames elided: bt -no-filters shows them>']);
    const stack = await frames('-stack-list-frames --no-frame-filters 0 12');
    const below = stack.slice(stack.findIndex((f) => f.func === 'main') + 1);
    assert.match(below[0]?.from ?? '', /koffi\.node$/);
    assert.ok(below.some((f) => /^v8/.test(f.func ?? '')), below.map((f) => f.func ?? f.from).join(' | '));
  });
});

test('a module whose .debug_info is broken links, runs and stops under GDB by its symbol', async () => {
  const output: string[] = [];
  await withGdb(['--args', process.execPath, host, 'corrupt', fact], async (g) => {
    g.mi.on('output', (l) => output.push(l));
    await g.break('fact');
    const stop = await g.exec('-exec-run');
    assert.equal(stop.frame?.func, 'fact');
    assert.equal(stop.frame?.line, undefined); // no line table: the image went without its DWARF
    await g.deleteBreakpoints();
    const end = await g.exec('-exec-continue');
    assert.equal(end.reason, 'exited-normally');
  });
  assert.ok(output.some((l) => l.includes('fact(4) = 24')), output.join('\n'));
});

// A JIT objfile has no TLS module for DW_OP_form_tls_address: the images say optimized out
// rather than let GDB read another module's block. The native program shows the value.
test('thread-local variables of JIT code are optimized out under GDB, not wrong', async () => {
  const p = program('threads.O2');
  const [native, jit] = targets(p);
  const seen = async ({ label, args }: Target) => withGdb(args, async (g) => {
    await g.break('threads.c:17');
    const stop = await g.exec('-exec-run');
    return { at: place(stop.frame), counter: await g.value('counter'), name: await g.value('name') };
  }, label);
  const n = await seen(native!);
  assert.equal(n.counter, '1005');
  assert.match(n.name, /^"worker1/);
  assert.deepEqual(await seen(jit!), { at: n.at, counter: '<optimized out>', name: '<optimized out>' });
});
