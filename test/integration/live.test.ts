// jitdbg jit list|dump|verify --pid on real processes, against GDB attached to the same
// process in the same state: `maint info jit` (entry and symfile addresses, sizes), `dump
// binary memory` of each symfile, and where GDB puts each function.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { findDescriptors } from '../../src/live/descriptors.js';
import { LiveError } from '../../src/live/errors.js';
import { summarize } from '../../src/live/image.js';
import { readMaps } from '../../src/live/maps.js';
import { ProcessMemory } from '../../src/live/memory.js';
import { snapshot } from '../../src/live/snapshot.js';
import { build, cli, gdbAttached, host, jitdbg, start, type Running } from './live-harness.js';

const built = build();
const running: Running[] = [];
after(async () => {
  await Promise.all(running.map((r) => r.stop()));
  rmSync(built.dir, { recursive: true, force: true });
});

async function launch(command: string, args: string[]): Promise<Running> {
  const r = await start(command, args);
  running.push(r);
  return r;
}

interface ListJson {
  pid: number;
  descriptors: { address: string; object: string; version: number; actionFlag: number; entries: { index: number; entry: string; symfile: string; size: number; name: string; code: [string, string] | null; functions: number }[] }[];
}

function list(pid: number): ListJson {
  const r = jitdbg('jit', 'list', '--pid', String(pid), '--json');
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as ListJson;
}

const n = (hex: string): number => parseInt(hex, 16);
const rowsOf = (l: ListJson) => l.descriptors.flatMap((d) => d.entries.map((e) => ({ entry: n(e.entry), symfile: n(e.symfile), size: e.size })));
const sorted = <T extends { entry: number }>(xs: T[]): T[] => [...xs].sort((a, b) => a.entry - b.entry);

/** GDB attached: its `maint info jit` rows, its dump of every symfile into DIR/gdb-N, where it puts `functions`. */
function gdbView(pid: number, l: ListJson, dir: string, functions: string[]) {
  const entries = l.descriptors.flatMap((d) => d.entries);
  const dumps = entries.map((e, i) => `dump binary memory ${join(dir, `gdb-${i}`)} ${e.symfile} ${n(e.symfile) + e.size}`);
  const g = gdbAttached(pid, [...dumps, ...functions.map((f) => `print/x (unsigned long) &${f}`)]);
  const addresses = [...g.text.matchAll(/^\$\d+ = (0x[0-9a-f]+)$/gm)].map((m) => n(m[1]!));
  assert.equal(addresses.length, functions.length, g.text);
  return { rows: g.rows, dumps: entries.map((_, i) => readFileSync(join(dir, `gdb-${i}`))), addresses };
}

/** `jit dump` writes what GDB dumps, byte for byte, in list order. */
function assertDumpsEqual(pid: number, gdbDumps: Buffer[], dir: string): void {
  const out = join(dir, 'ours');
  const r = jitdbg('jit', 'dump', '--pid', String(pid), out);
  assert.equal(r.status, 0, r.stderr);
  const files = readdirSync(out).sort();
  assert.equal(files.length, gdbDumps.length);
  files.forEach((f, i) => assert.ok(readFileSync(join(out, f)).equals(gdbDumps[i]!), `${f} differs from GDB's dump`));
}

const inside = (address: number, code: [string, string] | null) => code !== null && n(code[0]) <= address && address < n(code[1]);

test('an API process with three modules in two batches: list, dump and verify agree with GDB attached to it', async () => {
  const [alpha, beta, delta] = built.modules as [string, string, string];
  const p = await launch(process.execPath, [host, 'wait', alpha, '--', beta, delta]);
  const l = list(p.pid);
  assert.equal(l.pid, p.pid);
  assert.equal(l.descriptors.length, 1);
  const d = l.descriptors[0]!;
  assert.match(basename(d.object), /^libjitdbg-jit-[0-9a-f]+\.so$/);
  assert.deepEqual([d.version, d.actionFlag], [1, 0]);
  assert.deepEqual(d.entries.map((e) => [e.index, e.name, e.functions]), [[0, `${beta} +1`, 2], [1, alpha, 1]]);
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-live-api-'));
  try {
    const g = gdbView(p.pid, l, dir, ['alpha', 'beta', 'delta']);
    assert.deepEqual(rowsOf(l), g.rows, "the entries of GDB's maint info jit, in its order");
    const [a, b, c] = g.addresses as [number, number, number];
    assert.ok(inside(a, d.entries[1]!.code), 'alpha is in the first batch image');
    assert.ok(inside(b, d.entries[0]!.code) && inside(c, d.entries[0]!.code), 'beta and delta are in the second');
    assertDumpsEqual(p.pid, g.dumps, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const v = jitdbg('jit', 'verify', '--pid', String(p.pid));
  assert.deepEqual([v.status, v.stdout], [0, '']);
});

test('a C program with two JIT libraries: two descriptors, as GDB lists them; raw objects fail verify', async () => {
  const [alpha, beta, delta] = built.modules as [string, string, string];
  const p = await launch(built.cHost, ['two', built.libA, built.libB, alpha, beta, delta]);
  const l = list(p.pid);
  assert.deepEqual(l.descriptors.map((d) => [d.object, d.entries.map((e) => e.name)]).sort(), [
    [built.libA, ['alpha.c']],
    [built.libB, ['delta.c', 'beta.c']],
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-live-c-'));
  try {
    const g = gdbView(p.pid, l, dir, []);
    assert.deepEqual(sorted(rowsOf(l)), sorted(g.rows));
    assert.equal(g.rows.length, 3);
    assertDumpsEqual(p.pid, g.dumps, dir);
    const names = l.descriptors.flatMap((d) => d.entries.map((e) => e.name));
    names.forEach((name, i) => assert.ok(g.dumps[i]!.equals(readFileSync(join(built.dir, name.replace(/\.c$/, '.o')))), `image ${i} is ${name}'s object`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The objects are registered as they are, every section at 0: nothing executable there.
  const v = jitdbg('jit', 'verify', '--pid', String(p.pid));
  assert.equal(v.status, 1);
  const lines = v.stdout.trimEnd().split('\n');
  assert.equal(lines.filter((x) => /: \.text 0x0-0x[0-9a-f]+ is not mapped executable$/.test(x)).length, 3, v.stdout);
});

test("a descriptor in the executable's own .symtab, PIE and fixed-address: found at its load bias, as GDB finds it", async () => {
  for (const exe of [built.selfHosts.pie, built.selfHosts.fixed]) {
    const p = await launch(exe, built.modules.slice(0, 2));
    const l = list(p.pid);
    assert.deepEqual(l.descriptors.map((d) => [d.object, d.entries.map((e) => e.name)]), [[exe, ['beta.c', 'alpha.c']]]);
    const g = gdbAttached(p.pid, ['print/x (unsigned long) &__jit_debug_descriptor']);
    assert.deepEqual(rowsOf(l), g.rows, exe);
    assert.match(g.text, new RegExp(`^\\$1 = ${l.descriptors[0]!.address}$`, 'm'), exe);
    await p.stop();
  }
});

test('llvm-jitlink-14 -debugger-support: the relocatable object it registers is named and placed as GDB places it', async () => {
  const p = await launch('llvm-jitlink-14', ['-debugger-support', built.waiter]);
  const l = list(p.pid);
  const entries = l.descriptors.flatMap((d) => d.entries);
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.name, 'waiter.c');
  assert.equal(entries[0]!.functions, 2);
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-live-llvm-'));
  try {
    const g = gdbView(p.pid, l, dir, ['twice', 'main']);
    assert.deepEqual(rowsOf(l), g.rows);
    for (const a of g.addresses) assert.ok(inside(a, entries[0]!.code), `0x${a.toString(16)} in ${entries[0]!.code}`);
    assertDumpsEqual(p.pid, g.dumps, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const v = jitdbg('jit', 'verify', '--pid', String(p.pid));
  assert.deepEqual([v.status, v.stdout], [0, ''], 'sh_addr-patched sections: code mapped, symbols and DWARF inside');
});

test('reading a list 1,000 times while it changes gives whole lists or the retry error, never a torn one', async () => {
  const images = built.modules.map((m) => readFileSync(m));
  const p = await launch(built.cHost, ['race', built.libA, ...built.modules]);
  const [descriptor] = findDescriptors(readMaps(p.pid));
  const memory = ProcessMemory.open(p.pid);
  // Images are registered in order at the head and unregistered in reverse: the only lists are [k-1, ..., 0].
  const states = images.map((_, k) => images.slice(0, k).reverse()).concat([[...images].reverse()]);
  let whole = 0;
  let retried = 0;
  try {
    for (let i = 0; i < 1000; i++) {
      try {
        const s = snapshot(memory, descriptor!);
        const state = states.find((st) => st.length === s.entries.length && st.every((im, j) => Buffer.from(s.entries[j]!.image).equals(im)));
        assert.ok(state, `read ${i}: a list that never existed: ${s.entries.map((e) => summarize(e.image, '').name).join(', ')}`);
        whole++;
      } catch (e) {
        if (!(e instanceof LiveError) || !/kept changing/.test(e.message)) throw e;
        retried++;
      }
    }
  } finally {
    memory.close();
  }
  assert.ok(whole > 100, `${whole} whole lists, ${retried} retry errors`);
});

test('no such process, or a process without a descriptor: one line, exit status 1', async () => {
  const gone = spawnSync('true');
  const none = jitdbg('jit', 'list', '--pid', String(gone.pid));
  assert.deepEqual([none.status, none.stdout, none.stderr], [1, '', `jitdbg: no such process: ${gone.pid}\n`]);
  const sleeper = await launch('sh', ['-c', 'echo ready $$; exec cat']);
  for (const action of ['list', 'verify']) {
    const r = jitdbg('jit', action, '--pid', String(sleeper.pid));
    assert.deepEqual([r.status, r.stdout, r.stderr], [1, '', `jitdbg: process ${sleeper.pid} has no __jit_debug_descriptor: no mapped object defines one\n`]);
  }
});

test('a list with a cycle and one with an entry in unmapped memory: verify names both, list fails in one line', async () => {
  const p = await launch(built.cHost, ['broken', built.libA, built.libB, built.modules[0]!]);
  const v = jitdbg('jit', 'verify', '--pid', String(p.pid));
  assert.equal(v.status, 1);
  const lines = v.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2, v.stdout);
  const of = (lib: string) => lines.find((x) => x.includes(`(${lib})`)) ?? '';
  assert.match(of(built.libA), new RegExp(`^descriptor 0x[0-9a-f]+ \\(${built.libA}\\): jit_code_entry (0x[0-9a-f]+) appears twice: the list has a cycle$`));
  assert.match(of(built.libB), new RegExp(`^descriptor 0x[0-9a-f]+ \\(${built.libB}\\): unreadable jit_code_entry at 0x10 \\(32 bytes at 0x10\\)$`));
  const l = jitdbg('jit', 'list', '--pid', String(p.pid));
  assert.equal(l.status, 1);
  assert.equal(l.stdout, '');
  assert.match(l.stderr, /^jitdbg: (jit_code_entry 0x[0-9a-f]+ appears twice: the list has a cycle|unreadable jit_code_entry at 0x10 \(32 bytes at 0x10\))\n$/);
});

test("another user's process: one line naming the ptrace access check and Yama's setting", async (t) => {
  // Needs a user without the right to read the process: run as nobody, which only root can do.
  if (process.geteuid!() !== 0 || spawnSync('setpriv', ['--version']).status !== 0) return t.skip('needs root and setpriv');
  const p = await launch(built.cHost, ['two', built.libA, built.libB, ...built.modules]);
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, 'jit', 'list', '--pid', String(p.pid)], { encoding: 'utf8' });
  assert.deepEqual([r.status, r.stdout], [1, '']);
  assert.match(r.stderr, new RegExp(`^jitdbg: process ${p.pid}: permission denied by the kernel's ptrace access check \\([^\\n]*ptrace_scope[^\\n]*\\)\\n$`));
});
