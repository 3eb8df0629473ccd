// The Target seam: the session asks its target, and only its target, for what the process
// knows and does; the in-process target searches --lib libraries first; one error model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { JitdbgError } from '../../../src/binary/errors.js';
import { UnmergeableError } from '../../../src/debug/errors.js';
import { moduleRegistrar } from '../../../src/debug/registrar.js';
import { ElfFile } from '../../../src/elf/read.js';
import { LinkError } from '../../../src/link/errors.js';
import { BufferMemoryManager } from '../../../src/memory/buffer.js';
import { dlsym, NativeError, nativeFunction, RTLD_DEFAULT } from '../../../src/native/libc.js';
import { InProcessTarget } from '../../../src/native/target.js';
import { JITSession } from '../../../src/session.js';
import { DetachedTarget } from '../../../src/target/detached.js';
import type { Registrar, TlsImage } from '../../../src/target/types.js';
import { corpusObjects } from '../../fixtures/corpus.js';
import { linkOffline } from '../debug/offline.js';

const object = (name: string) => ({ bytes: new Uint8Array(readFileSync(corpusObjects().find((o) => o.name === name)!.object)), name: `${name}.o` });

/** Each undefined global of an object at a made-up address above 4 GiB, as a process's libraries are. */
function undefinedNames(o: { bytes: Uint8Array; name: string }): Record<string, number> {
  const elf = ElfFile.read(o.bytes, o.name);
  const names = elf.symbols(elf.symbolTables[0]!).filter((s) => s.st_shndx === 0 && s.name).map((s) => s.name);
  return Object.fromEntries(names.map((n, i) => [n, 0x7f0000001000 + i * 0x1000]));
}

/** A detached target that records every question the session asks it. */
class RecordingTarget extends DetachedTarget {
  readonly asked: string[] = [];
  readonly frames = new Set<number>();
  readonly images: Uint8Array[] = [];
  registrars = 0;
  constructor(private readonly defined: Record<string, number>) {
    super(new BufferMemoryManager(0x7f0010000000)); // within 2 GiB of the made-up library addresses
  }
  override lookup(name: string): number | undefined {
    this.asked.push(`lookup ${name}`);
    return this.defined[name];
  }
  override farReference(address: number) {
    this.asked.push(`far 0x${address.toString(16)}`);
    return 'code' as const;
  }
  threadLocal(image: TlsImage) {
    this.asked.push(`tls ${image.size}`);
    return { moduleId: 7, offset: -0x100, release: () => this.asked.push('tls released') };
  }
  override registerFrames(address: number) {
    this.frames.add(address);
    return { dispose: () => this.frames.delete(address) };
  }
  override registrar(): Registrar {
    this.registrars++;
    return {
      read: () => new Uint8Array(0),
      register: (image) => {
        this.images.push(image);
        return { dispose: () => this.images.splice(this.images.indexOf(image), 1) };
      },
    };
  }
  override read(_address: number, size: number): Uint8Array {
    return new Uint8Array(size);
  }
}

test('the session resolves, places, registers and disposes through its target alone', () => {
  const o = object('calls.O2');
  const defined = undefinedNames(o);
  const target = new RecordingTarget(defined);
  const session = new JITSession({ target });
  const [m] = session.addObjects([o]);
  for (const name of Object.keys(defined).filter((n) => n !== '_GLOBAL_OFFSET_TABLE_')) assert.ok(target.asked.includes(`lookup ${name}`), name);
  assert.ok(target.asked.some((a) => a.startsWith('far ')), 'a far address is classified by the target');
  assert.equal(target.frames.size, 1, 'the module\'s .eh_frame is registered with the target');
  assert.equal(target.images.length, 1, 'the debug image goes to the target\'s registrar');
  assert.throws(() => session.function('main', 'int', []), (e: unknown) => e instanceof JitdbgError && /does not run code/.test(e.message));
  m!.dispose();
  assert.equal(target.frames.size, 0);
  assert.equal(target.images.length, 0);
  session.addObjects([{ ...o, name: 'again.o' }]);
  assert.equal(target.registrars, 1, 'the registrar is asked once');
  session.dispose();
});

test('thread-local storage gets its home from the target, and is released with the module', () => {
  const o = object('threads.O2');
  const defined = undefinedNames(o);
  const target = new RecordingTarget(defined);
  const session = new JITSession({ target });
  session.addObject(o.bytes, o.name);
  assert.ok(target.asked.some((a) => a.startsWith('tls ')));
  session.dispose();
  assert.ok(target.asked.includes('tls released'));
  // A target without a home for TLS: a LinkError naming the object.
  const plain = new DetachedTarget(new BufferMemoryManager());
  assert.throws(() => new JITSession({ target: plain, symbols: defined }).addObject(o.bytes, o.name), (e: unknown) => e instanceof LinkError && e.where.file === o.name);
});

test('memory and libraries go to the target, not beside it', () => {
  assert.throws(() => new JITSession({ target: new DetachedTarget(new BufferMemoryManager()), libraries: ['libz.so.1'] }), JitdbgError);
});

test('the in-process target searches its libraries before the process: libz.so.1\'s zlibVersion, not Node\'s', () => {
  const version = (address: number | undefined) => nativeFunction(address!, 'const char *', [])();
  const withZlib = new InProcessTarget({ libraries: ['libz.so.1'] });
  assert.notEqual(withZlib.lookup('zlibVersion'), dlsym(RTLD_DEFAULT, 'zlibVersion'));
  assert.equal(version(dlsym(RTLD_DEFAULT, 'zlibVersion')), process.versions.zlib!.split('-')[0]);
  assert.notEqual(version(withZlib.lookup('zlibVersion')), version(dlsym(RTLD_DEFAULT, 'zlibVersion')));
  assert.equal(withZlib.lookup('printf'), dlsym(RTLD_DEFAULT, 'printf'), 'names the library lacks come from the process');
  assert.throws(() => new InProcessTarget({ libraries: ['libjitdbg-absent.so'] }), (e: unknown) => e instanceof NativeError && e instanceof JitdbgError && e.where.file === 'libjitdbg-absent.so');
});

test('one error model: every error of bad input is a JitdbgError with its location', () => {
  const bad = new Uint8Array(64);
  assert.throws(() => ElfFile.read(bad, 'zeros.o'), (e: unknown) => e instanceof JitdbgError && e.name === 'FormatError' && e.where.file === 'zeros.o');
  const session = new JITSession({ memory: new BufferMemoryManager() });
  assert.throws(() => session.addObject(object('calls.O2').bytes, 'calls.o'), (e: unknown) => e instanceof JitdbgError && e instanceof LinkError && e.where.file === 'calls.o');
});

test('a batch falls back to an image per module on UnmergeableError only; any other error propagates', () => {
  const { modules } = linkOffline(['calls.O0', 'util.O0'].map((n) => corpusObjects().find((o) => o.name === n)!.object));
  const registered: Uint8Array[] = [];
  const failing = (error: Error): Registrar => ({
    read: () => new Uint8Array(0),
    register: (image) => {
      if (registered.length === 0 && image.length > 0) {
        registered.push(new Uint8Array(0));
        throw error;
      }
      registered.push(image);
      return { dispose() {} };
    },
  });
  const read = (_a: number, size: number) => new Uint8Array(size);
  registered.length = 0;
  const handles = moduleRegistrar({ ...failing(new UnmergeableError('too far apart')), read })(modules);
  assert.equal(handles.length, 2);
  assert.equal(registered.length, 3, 'the batch image failed, then one image per module');
  registered.length = 0;
  assert.throws(() => moduleRegistrar({ ...failing(new RangeError('a bug')), read })(modules), RangeError);
});

test('Module.symbols names type and bind as readelf does, and leaves out the assembler\'s .L labels unless asked', () => {
  const o = object('fact.large');
  const elf = ElfFile.read(o.bytes, o.name);
  const locals = elf.symbols(elf.symbolTables[0]!).filter((s) => s.name.startsWith('.L'));
  assert.ok(locals.length > 0, 'the object has .L labels');
  const path = corpusObjects().find((x) => x.name === 'fact.large')!.object;
  const { modules } = linkOffline([path]);
  const m = modules[0]!;
  assert.ok(m.symbols.every((s) => !s.name.startsWith('.L')));
  assert.deepEqual(m.allSymbols.filter((s) => s.name.startsWith('.L')).map((s) => s.name).sort(), locals.map((s) => s.name).sort());
  // Type and bind as readelf -sW prints them for the object, symbol by symbol.
  const readelf = new Map<string, string>();
  for (const line of execFileSync('readelf', ['-sW', path], { encoding: 'utf8' }).split('\n')) {
    const f = line.trim().split(/\s+/);
    if (/^\d+:$/.test(f[0] ?? '') && f[7]) readelf.set(f[7], `${f[3]} ${f[4]}`);
  }
  for (const s of m.allSymbols) assert.equal(`${s.typeName} ${s.bindName}`, readelf.get(s.name), s.name);
  const fact = m.symbols.find((s) => s.name === 'fact')!;
  assert.equal(fact.typeName, 'FUNC');
  assert.equal(fact.bindName, 'GLOBAL');
});
