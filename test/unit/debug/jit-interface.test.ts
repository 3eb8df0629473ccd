// The registration library GDB's JIT interface is found through, judged by readelf and gdb, and
// the private cache it is loaded from: what it refuses, what it repairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirectory, DESCRIPTOR, DESCRIPTOR_LOCK, jitInterface, readDescriptor, REGISTER_CODE, registrationLibrary, storedLibrary } from '../../../src/native/jit-interface.js';
import { dlsym, NativeError, RTLD_DEFAULT } from '../../../src/native/libc.js';
import { readelfComplaints, run, save, scratch } from '../elf/write-tools.js';

const dir = scratch('jit-interface');
// This process's cache: a fresh one, so that the tests below see it created.
process.env.XDG_CACHE_HOME = join(dir, 'xdg');
const bytes = registrationLibrary();
const library = save(dir, 'libjitdbg-jit.so', bytes);

test('readelf reads the registration library without a complaint; its symbols are GLOBAL DEFAULT', () => {
  assert.deepEqual(readelfComplaints(library), []);
  const rows = run('readelf', ['--dyn-syms', '-W', library]).split('\n').map((l) => l.trim().split(/\s+/));
  const row = (name: string) => rows.find((r) => r[7] === name)?.slice(3, 6);
  assert.deepEqual(row(REGISTER_CODE), ['FUNC', 'GLOBAL', 'DEFAULT']);
  assert.deepEqual(row(DESCRIPTOR), ['OBJECT', 'GLOBAL', 'DEFAULT']);
  assert.deepEqual(row(DESCRIPTOR_LOCK), ['OBJECT', 'GLOBAL', 'DEFAULT']);
});

test('program headers: PT_LOAD RX and RW, PT_DYNAMIC, PT_GNU_STACK RW; section headers present', () => {
  const text = run('readelf', ['-lSW', library]);
  const segments = [...text.matchAll(/^\s+(LOAD|DYNAMIC|GNU_STACK)\s+(?:\S+\s+){5}([RWE ]{3})/gm)].map((m) => `${m[1]} ${m[2]!.trim()}`);
  assert.deepEqual(segments, ['LOAD R E', 'LOAD RW', 'DYNAMIC RW', 'GNU_STACK RW']);
  for (const s of ['.hash', '.dynsym', '.dynstr', '.text', '.dynamic', '.data']) assert.match(text, new RegExp(`\\] \\${s} `));
});

test('the descriptor starts as version 1, JIT_NOACTION, no entries (readelf -x .data)', () => {
  const hex = run('readelf', ['-x', '.data', library]);
  assert.match(hex, /0x[0-9a-f]+ 01000000 00000000 00000000 00000000/);
});

test('gdb reads the function through the section headers', () => {
  const out = run('gdb', ['-nx', '-batch', '-ex', `info functions ${REGISTER_CODE}`, '-ex', `info variables ${DESCRIPTOR}`, library]);
  assert.match(out, new RegExp(`^0x[0-9a-f]+\\s+${REGISTER_CODE}$`, 'm'));
  assert.match(out, new RegExp(`^0x[0-9a-f]+\\s+${DESCRIPTOR}$`, 'm'));
});

test('jitInterface: loaded from a private cache directory, exported to the whole process, descriptor at rest', () => {
  const jit = jitInterface();
  assert.equal(jitInterface(), jit, 'one per process');
  assert.equal(dlsym(RTLD_DEFAULT, DESCRIPTOR), jit.descriptor);
  assert.equal(dlsym(RTLD_DEFAULT, REGISTER_CODE), jit.registerCode);
  assert.equal(join(jit.library, '..'), cacheDirectory());
  assert.equal(statSync(cacheDirectory()).mode & 0o777, 0o700);
  assert.equal(statSync(jit.library).mode & 0o777, 0o600);
  assert.deepEqual(readFileSync(jit.library), Buffer.from(bytes));
  assert.deepEqual(readDescriptor(jit.descriptor), { version: 1, actionFlag: 0, relevantEntry: 0, entries: [] });
  jit.notify();
});

test('storedLibrary writes once, and rewrites a file whose content changed', () => {
  const cache = join(dir, 'cache-rewrite');
  const path = storedLibrary(bytes, cache);
  const inode = lstatSync(path).ino;
  assert.equal(storedLibrary(bytes, cache), path);
  assert.equal(lstatSync(path).ino, inode, 'the same file is kept');
  const tampered = Buffer.from(bytes);
  tampered[tampered.length - 1] ^= 1;
  writeFileSync(path, tampered);
  assert.equal(storedLibrary(bytes, cache), path);
  assert.deepEqual(readFileSync(path), Buffer.from(bytes));
});

test('storedLibrary refuses a directory others may enter or own, a file others may write, a symbolic link', () => {
  const refuses = (cache: string, what: RegExp) => assert.throws(() => storedLibrary(bytes, cache), (e: Error) => e instanceof NativeError && what.test(e.message));
  const open = join(dir, 'cache-open');
  mkdirSync(open, { mode: 0o755 });
  chmodSync(open, 0o755);
  refuses(open, /refusing a cache directory with mode 0755/);

  const writable = join(dir, 'cache-file');
  const path = storedLibrary(bytes, writable);
  chmodSync(path, 0o666);
  refuses(writable, /refusing a file that is not this user's alone/);

  const linked = join(dir, 'cache-link');
  const target = storedLibrary(bytes, linked);
  const name = target.slice(linked.length + 1);
  writeFileSync(join(dir, 'elsewhere.so'), bytes);
  rmSync(target);
  symlinkSync(join(dir, 'elsewhere.so'), join(linked, name));
  assert.throws(() => storedLibrary(bytes, linked), /ELOOP/);

  if (process.geteuid!() === 0) {
    const foreign = join(dir, 'cache-foreign');
    mkdirSync(foreign, { mode: 0o700 });
    chownSync(foreign, 65534, 65534);
    refuses(foreign, /refusing a cache directory owned by uid 65534/);
  }
});
