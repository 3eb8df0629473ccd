// The in-process GDB registrar's list, walked the way GDB walks it: 10,000 random registrations
// and unregistrations, threads racing on the one descriptor, a registration that fails half-way,
// and modules whose DWARF is malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { GdbJitRegistrar } from '../../../src/native/gdb-jit.js';
import { moduleRegistrar } from '../../../src/debug/registrar.js';
import type { Registrar, Registration } from '../../../src/target/types.js';
import { ElfFile } from '../../../src/elf/read.js';
import { STT_FILE } from '../../../src/elf/consts.js';
import { jitInterface, readDescriptor } from '../../../src/native/jit-interface.js';
import { memoryView } from '../../../src/native/libc.js';
import { corpusObjects, root } from '../../fixtures/corpus.js';
import { scratch } from '../elf/write-tools.js';
import { brokenDebugInfo, linkOffline } from './offline.js';

const dir = scratch('registrar');
process.env.XDG_CACHE_HOME = join(dir, 'xdg');
const jit = jitInterface();

/** A small PRNG, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The list as GDB reads it: symfiles newest first, each with its bytes. */
function listed(): Uint8Array[] {
  const d = readDescriptor(jit.descriptor);
  assert.equal(d.actionFlag, 0, 'JIT_NOACTION at rest');
  assert.equal(d.version, 1);
  return d.entries.map((e) => memoryView(e.symfileAddr, e.symfileSize).slice());
}

test('10,000 random registrations and unregistrations leave the list what the model says', () => {
  const registrar = new GdbJitRegistrar();
  const next = random(4);
  const live: { image: Uint8Array; registration: Registration }[] = [];
  for (let i = 0; i < 10_000; i++) {
    if (live.length === 0 || next() < 0.55) {
      const image = new Uint8Array(1 + Math.floor(next() * 300)).map(() => Math.floor(next() * 256));
      live.push({ image, registration: registrar.register(image) });
    } else {
      const [gone] = live.splice(Math.floor(next() * live.length), 1);
      gone!.registration.dispose();
      gone!.registration.dispose(); // idempotent
    }
    if (i % 1000 === 999) assert.deepEqual(listed(), live.map((l) => l.image).reverse(), `after ${i + 1} operations`);
  }
  assert.ok(live.length > 0);
  for (const l of live) l.registration.dispose();
  assert.deepEqual(listed(), []);
  assert.equal(readDescriptor(jit.descriptor).relevantEntry, 0);
});

test('a registration that fails while announcing leaves nothing registered', () => {
  const registrar = new GdbJitRegistrar();
  const kept = registrar.register(Uint8Array.of(1, 2, 3));
  const failing = new GdbJitRegistrar({ ...jit, locked: jit.locked, notify: () => { throw new Error('notify failed'); } });
  assert.throws(() => failing.register(Uint8Array.of(9)), /notify failed/);
  assert.deepEqual(listed(), [Uint8Array.of(1, 2, 3)]);
  assert.equal(readDescriptor(jit.descriptor).relevantEntry, 0);
  kept.dispose();
  assert.deepEqual(listed(), []);
});

test('threads registering at once through the descriptor lock leave a consistent, empty list', async () => {
  const worker = (tag: number) => new Promise<number>((resolve, reject) => {
    const w = new Worker(new URL('./registrar-worker.js', import.meta.url), { workerData: { tag, cycles: 4000 } });
    w.once('message', resolve);
    w.once('error', reject);
  });
  const done = Promise.all([worker(1), worker(2)]);
  // This thread takes part too, checking the list whenever it holds the lock.
  const registrar = new GdbJitRegistrar();
  for (let i = 0; i < 2000; i++) {
    const r = registrar.register(Uint8Array.of(3));
    jit.locked(() => assert.ok(readDescriptor(jit.descriptor).entries.length >= 1));
    r.dispose();
  }
  assert.deepEqual(await done, [4000, 4000]);
  assert.deepEqual(listed(), []);
});

/** A registrar that keeps the images it is given, over the offline link's target memory. */
function keeping(read: Registrar['read']): Registrar & { images: Uint8Array[] } {
  const images: Uint8Array[] = [];
  return { read, images, register: (image) => (images.push(image), { dispose() {} }) };
}

test('a module whose DWARF is malformed is registered without it, with one warning', () => {
  const fact = corpusObjects().find((o) => o.name === 'fact.O0')!.object;
  for (const broken of [false, true]) {
    const bytes = new Uint8Array(readFileSync(fact));
    const { modules, memory } = linkOffline([fact], [broken ? brokenDebugInfo(bytes) : bytes]);
    const warnings: string[] = [];
    const registrar = keeping(memory.read);
    moduleRegistrar(registrar, { warn: (m) => warnings.push(m) })([modules[0]!]);
    const image = ElfFile.read(registrar.images[0]!, 'image');
    const names = image.sections.map((s) => s.name);
    assert.ok(names.includes('.eh_frame') && names.includes('.symtab'));
    if (broken) {
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /^jitdbg: fact\.O0\.o: debug information left out of its debug image: .*version/);
      assert.ok(!names.some((n) => n.startsWith('.debug_')), names.join(' '));
    } else {
      assert.deepEqual(warnings, []);
      assert.ok(names.includes('.debug_info'));
    }
  }
});

test('seeded corruptions of the DWARF never make registration throw', () => {
  const next = random(11);
  for (const o of corpusObjects().filter((x) => ['fact.O2', 'calls.dwarf4', 'misc.dwarf5', 'thrower.O0'].includes(x.name))) {
    const bytes = new Uint8Array(readFileSync(o.object));
    const elf = ElfFile.read(bytes, o.name);
    const targets = elf.sections.filter((s) => ['.debug_info', '.debug_abbrev', '.debug_line', '.debug_str_offsets'].includes(s.name) && s.sh_size > 0);
    for (let i = 0; i < 150; i++) {
      const copy = bytes.slice();
      for (let k = 0; k < 1 + Math.floor(next() * 4); k++) {
        const s = targets[Math.floor(next() * targets.length)]!;
        copy[s.sh_offset + Math.floor(next() * Math.min(s.sh_size, 64))] = Math.floor(next() * 256);
      }
      const { modules, memory } = linkOffline([o.object], [copy]);
      const registrar = keeping(memory.read);
      moduleRegistrar(registrar, { warn: () => {} })([modules[0]!]);
      assert.equal(registrar.images.length, 1);
    }
  }
});

test('an unsafe cache directory: the program runs, with one line saying GDB will not see it', () => {
  const xdg = join(dir, 'unsafe');
  mkdirSync(join(xdg, 'jitdbg', 'jit'), { recursive: true, mode: 0o755 });
  const cli = join(root, 'dist', 'src', 'cli', 'main.js');
  const fact = corpusObjects().find((o) => o.name === 'fact.O0')!.object;
  const r = spawnSync(process.execPath, [cli, 'run', fact, '--', 'xy'], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: xdg } });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /fact\(2\) = 2/);
  assert.match(r.stderr, /^jitdbg: debug images will not be registered with GDB: .*refusing a cache directory with mode 0755.*\n$/);
});

/** A registrar that keeps the images registered and not yet unregistered. */
function holding(read: Registrar['read']): Registrar & { live: Set<Uint8Array> } {
  const live = new Set<Uint8Array>();
  return { read, live, register: (image) => (live.add(image), { dispose: () => live.delete(image) }) };
}

/** The module names an image describes (its STT_FILE symbols). */
function describes(image: Uint8Array): string[] {
  const elf = ElfFile.read(image, 'image');
  return elf.symbols(elf.symbolTables[0]!).filter((s) => s.type === STT_FILE).map((s) => s.name);
}

test('a batch is one image until a module goes, then one image per remaining module', () => {
  const p = corpusObjects().filter((o) => ['calls.O2', 'util.O2', 'thrower.O2'].includes(o.name)).map((o) => o.object);
  const { modules, memory } = linkOffline(p);
  const registrar = holding(memory.read);
  const handles = moduleRegistrar(registrar)(modules);
  assert.deepEqual([...registrar.live].map(describes), [modules.map((m) => m.name)]);
  handles[1]!.dispose();
  assert.deepEqual([...registrar.live].map(describes).sort(), [[modules[0]!.name], [modules[2]!.name]].sort());
  handles[1]!.dispose();
  handles[0]!.dispose();
  assert.deepEqual([...registrar.live].map(describes), [[modules[2]!.name]]);
  handles[2]!.dispose();
  assert.equal(registrar.live.size, 0);
});

test('modules too far apart for one .eh_frame are registered one image each', () => {
  const near = linkOffline([corpusObjects().find((o) => o.name === 'fact.O2')!.object]);
  const far = linkOffline([corpusObjects().find((o) => o.name === 'misc.pic')!.object], undefined, 0x7f0000000000);
  const read: Registrar['read'] = (address, size) => (address >= 0x7f0000000000 ? far : near).memory.read(address, size);
  const registrar = holding(read);
  const handles = moduleRegistrar(registrar)([near.modules[0]!, far.modules[0]!]);
  assert.deepEqual([...registrar.live].map(describes), [['fact.O2.o'], ['misc.pic.o']]);
  for (const h of handles) h!.dispose();
  assert.equal(registrar.live.size, 0);
});
