// The JITSession API and the linker's errors, over objects gcc built for the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElfFile } from '../../../src/elf/index.js';
import { FormatError } from '../../../src/binary/index.js';
import { LinkError } from '../../../src/link/errors.js';
import { BufferMemoryManager } from '../../../src/memory/index.js';
import { JITSession } from '../../../src/session.js';
import { corpusObjects } from '../../fixtures/corpus.js';

const object = (name: string) => {
  const o = corpusObjects().find((x) => x.name === name);
  assert.ok(o, name);
  return { bytes: readFileSync(o.object), name: `${name}.o` };
};

function caught(fn: () => unknown): LinkError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof LinkError, String(e));
    return e;
  }
  assert.fail('no LinkError');
}

/**
 * The mappings of this process below 4 GiB, where JIT code goes (next to the executable's
 * data), from /proc/self/maps; the brk heap and other threads' arenas (high) change on their own.
 */
function maps(): string[] {
  return readFileSync('/proc/self/maps', 'utf8').trim().split('\n').filter((l) => parseInt(l, 16) < 2 ** 32 && !l.includes('[heap]'));
}

test('functions are called through the API; modules list sections and symbols; dispose is idempotent', () => {
  const session = new JITSession();
  const m = session.addObject(object('fact.O2').bytes, 'fact.o');
  const fact = session.function('fact', 'int', ['int']);
  assert.equal(fact(5), 120);
  assert.equal(session.function('kind', 'const char *', ['int'])(3), 'three');
  const text = m.sections.find((s) => s.name === '.text')!;
  const sym = m.symbols.find((s) => s.name === 'fact')!;
  assert.ok(sym.address >= text.address && sym.address < text.address + text.size);
  assert.equal(session.lookup('fact'), BigInt(sym.address));
  assert.ok(m.debugSections.get('.debug_info')!.length > 0);
  m.dispose();
  m.dispose();
  assert.throws(() => fact(3), /disposed/);
  assert.equal(session.lookup('fact'), undefined);
  session.dispose();
  session.dispose();
});

test('modules of a session call each other; COMDAT groups are loaded once', () => {
  const session = new JITSession();
  const [catcher, thrower] = session.addObjects([object('catcher.O2'), object('thrower.O2')]);
  const definedIn = (name: string) => [catcher!, thrower!].filter((m) => m.symbols.some((s) => s.name === name)).length;
  // DivideError's typeinfo is a COMDAT group in both objects.
  assert.equal(definedIn('_ZTI11DivideError'), 1);
  assert.equal(session.function('_Z14checked_divideii', 'int', ['int', 'int'])(10, 2), 5);
  session.dispose();
});

test('unresolved symbols: one LinkError listing each with the object that needs it', () => {
  const session = new JITSession();
  const e = caught(() => session.addObject(object('calls.O2').bytes, 'calls.o'));
  for (const name of ['sort_ints', 'accumulate', 'shared_common', 'tunable']) assert.match(e.message, new RegExp(`${name} \\(needed by calls.o\\)`));
  assert.doesNotMatch(e.message, /never_defined/); // an undefined weak reference is 0, not an error
});

test('a duplicate strong definition names the symbol and both objects', () => {
  const session = new JITSession();
  session.addObject(object('fact.O2').bytes, 'first.o');
  assert.throws(() => session.addObject(object('fact.O0').bytes, 'second.o'), /duplicate symbols?: .*fact \(defined in first.o and second.o\)/);
  assert.throws(() => new JITSession().addObjects([object('fact.O2'), object('fact.O3')]), /main \(defined in fact.O2.o and fact.O3.o\)/);
  session.dispose();
});

test('position-dependent code that cannot be placed low says to compile with -fPIC', () => {
  const session = new JITSession({ memory: new BufferMemoryManager(2 ** 40), symbols: { strlen: 0x1000, printf: 0x2000 } });
  assert.throws(() => session.addObject(object('fact.nopic').bytes, 'fact.o'), (e: unknown) => e instanceof LinkError && /R_X86_64_32S? .*-fPIC/.test(e.message));
});

test('thread-local storage: its block lives in this process, each thread with its own copy', () => {
  const session = new JITSession();
  try {
    session.addObject(object('threads.pic').bytes, 'threads.o');
    // main runs three threads, each counting in its own copy; the initial thread's copy started at 5.
    assert.equal(session.function('main', 'int', [])(), 15);
    assert.equal(session.function('main', 'int', [])(), 25, 'the initial thread keeps its copy between calls');
  } finally {
    session.dispose();
  }
});

test('thread-local storage without a home in the target is a LinkError', () => {
  const session = new JITSession({ memory: new BufferMemoryManager(0x10000000), symbols: { printf: 0x1000, snprintf: 0x2000, pthread_create: 0x3000, pthread_join: 0x4000 } });
  assert.throws(() => session.addObject(object('threads.O2').bytes, 'threads.o'), (e: unknown) => e instanceof LinkError && /threads\.o: thread-local storage needs a target that gives TLS blocks a home/.test(e.message));
});

test('TLS descriptors (-mtls-dialect=gnu2) are refused, naming the relocation type and the symbol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-tlsdesc-'));
  try {
    const o = join(dir, 'threads.o');
    execFileSync('gcc', ['-O2', '-fPIC', '-mtls-dialect=gnu2', '-c', corpusObjects().find((x) => x.name === 'threads.O2')!.source, '-o', o]);
    assert.throws(() => new JITSession().addObject(readFileSync(o), 'threads.o'), (e: unknown) => e instanceof LinkError && /R_X86_64_GOTPC32_TLSDESC: TLS descriptors .*/.test(e.message) && e.where.symbol !== undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A copy of an object whose first .rela.text entry has relocation type 200. */
function unknownRelocation(name = 'fact.O2'): Uint8Array {
  const { bytes } = object(name);
  const copy = new Uint8Array(bytes);
  const rela = ElfFile.read(copy).section('.rela.text')!;
  new DataView(copy.buffer).setUint32(rela.sh_offset + 8, 200, true);
  return copy;
}

test('an unknown relocation type names type, object, section and offset', () => {
  assert.throws(() => new JITSession().addObject(unknownRelocation(), 'odd.o'), /^LinkError: odd.o: section \.text, offset 0x[0-9a-f]+, symbol \S+: unknown relocation type 200$/m);
});

test('a failed link leaves no mapping behind and the session as it was', () => {
  const session = new JITSession();
  const before = maps();
  // The first object is allocated before the second one's relocations are found bad.
  assert.throws(() => session.addObjects([object('calls.O2'), { bytes: unknownRelocation('util.O2'), name: 'odd.o' }]), /unknown relocation type 200/);
  assert.deepEqual(maps(), before);
  assert.equal(session.lookup('main'), undefined);
  assert.equal(session.modules.length, 0);
  const [calls] = session.addObjects([object('calls.O2'), object('util.O2')]);
  assert.ok(calls);
  session.dispose();
});

test('a corrupt object is a FormatError', () => {
  const bytes = new Uint8Array(object('fact.O2').bytes.subarray(0, 200));
  assert.throws(() => new JITSession().addObject(bytes, 'cut.o'), FormatError);
});

test('a thread-local variable that another module holds (C++ inline thread_local) is a LinkError, not another block', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jitdbg-inline-tls-'));
  try {
    const compile = (name: string, source: string) => {
      writeFileSync(join(dir, `${name}.cc`), `inline thread_local int shared_tls = 3;\n${source}\n`);
      execFileSync('g++', ['-O2', '-fPIC', '-c', join(dir, `${name}.cc`), '-o', join(dir, `${name}.o`)]);
      return { bytes: readFileSync(join(dir, `${name}.o`)), name: `${name}.o` };
    };
    const objects = [compile('bump', 'int bump() { return ++shared_tls; }'), compile('main', 'int bump();\nint main() { bump(); return ++shared_tls; }')];
    const session = new JITSession();
    try {
      assert.throws(() => session.addObjects(objects), (e: unknown) => e instanceof LinkError && e.where.file === 'main.o' && e.where.symbol === 'shared_tls' && /R_X86_64_TLSGD .*not thread-local data of this object/.test(e.message));
      assert.equal(session.modules.length, 0, 'nothing left behind');
    } finally {
      session.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
