/**
 * GDB's JIT interface in this process. GDB looks, in every loaded object, for a function
 * `__jit_debug_register_code` (it breakpoints it) and a `struct jit_descriptor
 * __jit_debug_descriptor` (the head of a list of in-memory object files), both global with
 * default visibility. Node exports neither, so jitdbg synthesizes a tiny shared object that
 * does, with its own ELF writer (no C compiler at run time), stores it in a private per-user
 * cache directory and dlopens it after checking its content. Every JITSession of the process,
 * in every thread, shares that one descriptor and the mutex the library carries next to it.
 */
import { closeSync, constants, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import koffi from 'koffi';
import {
  DT_HASH, DT_SONAME, DT_STRSZ, DT_STRTAB, DT_SYMENT, DT_SYMTAB, ELF64_SYM_SIZE, EM_X86_64, ET_DYN, PF_R, PF_W, PF_X,
  PT_DYNAMIC, PT_GNU_STACK, PT_LOAD, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_DYNSYM, SHT_PROGBITS, STB_GLOBAL, STT_FUNC,
  STT_OBJECT,
} from '../elf/consts.js';
import { writeElf, type SectionSpec } from '../elf/write.js';
import { CODE_ENTRY_SIZE, decodeCodeEntry, decodeDescriptor, DESCRIPTOR, DESCRIPTOR_SIZE, DESCRIPTOR_VERSION, REGISTER_CODE, VERSION } from '../target/jit-abi.js';
import { dlopen, dlsym, memoryView, NativeError, nativeFunction, RTLD_DEFAULT } from './libc.js';

/** A pthread_mutex_t that serialises every change to the descriptor made through jitdbg, in any thread. */
export const DESCRIPTOR_LOCK = 'jitdbg_jit_debug_lock';

export { CODE_ENTRY_SIZE, DESCRIPTOR, DESCRIPTOR_SIZE, JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN, pointerAt, REGISTER_CODE } from '../target/jit-abi.js';
/** glibc's x86-64 sizeof(pthread_mutex_t); all zero bytes are PTHREAD_MUTEX_INITIALIZER. */
const MUTEX_SIZE = 40;

/** The registration library: `ret` for the function, the descriptor (its version set) and the mutex. */
export function registrationLibrary(): Uint8Array {
  const data = new Uint8Array(DESCRIPTOR_SIZE + MUTEX_SIZE);
  new DataView(data.buffer).setUint32(VERSION, DESCRIPTOR_VERSION, true);
  const hash: SectionSpec = { kind: 'hash', name: '.hash' };
  const dynstr: SectionSpec = { kind: 'strtab', name: '.dynstr', sh_flags: SHF_ALLOC };
  const text: SectionSpec = { name: '.text', sh_type: SHT_PROGBITS, sh_flags: SHF_ALLOC | SHF_EXECINSTR, sh_addralign: 16, data: Uint8Array.of(0xc3) };
  const rw: SectionSpec = { name: '.data', sh_type: SHT_PROGBITS, sh_flags: SHF_ALLOC | SHF_WRITE, sh_addralign: 8, data };
  const dynsym: SectionSpec = {
    kind: 'symtab', name: '.dynsym', sh_type: SHT_DYNSYM, symbols: [
      { name: REGISTER_CODE, type: STT_FUNC, bind: STB_GLOBAL, section: text, offset: 0, st_size: 1 },
      { name: DESCRIPTOR, type: STT_OBJECT, bind: STB_GLOBAL, section: rw, offset: 0, st_size: DESCRIPTOR_SIZE },
      { name: DESCRIPTOR_LOCK, type: STT_OBJECT, bind: STB_GLOBAL, section: rw, offset: DESCRIPTOR_SIZE, st_size: MUTEX_SIZE },
    ],
  };
  const dynamic: SectionSpec = {
    kind: 'dynamic', name: '.dynamic', entries: [
      { d_tag: DT_HASH, d_val: { addressOf: hash } },
      { d_tag: DT_STRTAB, d_val: { addressOf: dynstr } },
      { d_tag: DT_SYMTAB, d_val: { addressOf: dynsym } },
      { d_tag: DT_STRSZ, d_val: { sizeOf: dynstr } },
      { d_tag: DT_SYMENT, d_val: ELF64_SYM_SIZE },
      { d_tag: DT_SONAME, d_val: { string: 'libjitdbg-jit.so' } },
    ],
  };
  return writeElf({
    header: { e_type: ET_DYN, e_machine: EM_X86_64 },
    sections: [hash, dynsym, dynstr, text, dynamic, rw],
    segments: [
      { p_type: PT_LOAD, p_flags: PF_R | PF_X, headers: true, sections: [hash, dynsym, dynstr, text] },
      { p_type: PT_LOAD, p_flags: PF_R | PF_W, sections: [dynamic, rw] },
      { p_type: PT_DYNAMIC, p_flags: PF_R | PF_W, sections: [dynamic] },
      // Without it newer glibc refuses the dlopen or makes the stack executable.
      { p_type: PT_GNU_STACK, p_flags: PF_R | PF_W },
    ],
  });
}

/** The JIT interface GDB sees in this process. */
export interface JitInterface {
  /** Address of `__jit_debug_descriptor`. */
  readonly descriptor: number;
  /** Address of `__jit_debug_register_code`. */
  readonly registerCode: number;
  /** The registration library file that was loaded. */
  readonly library: string;
  /** Runs `fn` holding the process-wide descriptor lock. */
  locked<T>(fn: () => T): T;
  /** Calls `__jit_debug_register_code`: where an attached GDB reads the descriptor. */
  notify(): void;
}

const libc = koffi.load('libc.so.6');
const c = {
  malloc: libc.func('uintptr_t malloc(size_t size)'),
  free: libc.func('void free(uintptr_t p)'),
  lock: libc.func('int pthread_mutex_lock(uintptr_t m)'),
  unlock: libc.func('int pthread_mutex_unlock(uintptr_t m)'),
};

/** `size` bytes of native memory (malloc); free them with `freeNative`. */
export function allocateNative(size: number): number {
  const p = Number(c.malloc(Math.max(size, 1)));
  if (!p) throw new NativeError(`malloc(${size}) failed`);
  return p;
}

export function freeNative(address: number): void {
  c.free(address);
}

let loaded: JitInterface | undefined;

/**
 * The process's JIT interface, set up on first use: when the process already exports both
 * symbols (a host that links its own, or jitdbg's library loaded by another thread), those;
 * else the ones of jitdbg's registration library, loaded from the cache directory.
 * Throws NativeError when the library cannot be stored or loaded safely.
 */
export function jitInterface(): JitInterface {
  if (loaded) return loaded;
  const hostDescriptor = dlsym(RTLD_DEFAULT, DESCRIPTOR);
  const hostRegister = dlsym(RTLD_DEFAULT, REGISTER_CODE);
  const host = hostDescriptor !== undefined && hostRegister !== undefined;
  // The library is loaded in any case: its mutex serialises jitdbg's registrations in every thread.
  const path = storedLibrary(registrationLibrary());
  const handle = dlopen(path);
  const symbol = (name: string) => {
    const a = dlsym(handle, name);
    if (a === undefined) throw new NativeError(`${path} does not define ${name}`);
    return a;
  };
  const lock = symbol(DESCRIPTOR_LOCK);
  const registerCode = host ? hostRegister : symbol(REGISTER_CODE);
  const call = nativeFunction(registerCode, 'void', []);
  loaded = {
    descriptor: host ? hostDescriptor : symbol(DESCRIPTOR),
    registerCode,
    library: path,
    locked<T>(fn: () => T): T {
      const e = c.lock(lock);
      if (e !== 0) throw new NativeError(`pthread_mutex_lock: error ${e}`);
      try {
        return fn();
      } finally {
        c.unlock(lock);
      }
    },
    notify: () => {
      call();
    },
  };
  return loaded;
}

/** The registration cache directory: $XDG_CACHE_HOME/jitdbg/jit (or ~/.cache/...). */
export function cacheDirectory(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'jitdbg', 'jit');
}

/**
 * The path of `bytes` stored in the cache directory, written there if it is missing or differs.
 * The directory must belong to this user and be closed to everyone else (mode 0700), and the
 * file too (no group or other write): then only this user can replace it between the check
 * and the dlopen, and the check reads the file through a descriptor opened without following
 * links. GDB opens the library by this path to read its symbols, so it must be a real file.
 */
export function storedLibrary(bytes: Uint8Array, dir = cacheDirectory()): string {
  privateDirectory(dir);
  const path = join(dir, `libjitdbg-jit-${contentTag(bytes)}.so`);
  if (holds(path, bytes)) return path;
  const tmp = join(dir, uniqueName('.', '.tmp'));
  writeNewFile(tmp, bytes);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  if (!holds(path, bytes)) throw new NativeError(`${path}: its content changed while it was being stored`);
  return path;
}

/** Writes `bytes` to a file that must not exist yet (never through a link), mode 0600. */
export function writeNewFile(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Creates `dir` (mode 0700) or checks that it is this user's alone. */
export function privateDirectory(dir: string): void {
  mkdirSync(join(dir, '..'), { recursive: true });
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    const st = fstatSync(fd);
    if (st.uid !== process.geteuid!()) throw new NativeError(`${dir}: refusing a cache directory owned by uid ${st.uid}`);
    if ((st.mode & 0o077) !== 0) throw new NativeError(`${dir}: refusing a cache directory with mode 0${(st.mode & 0o777).toString(8)} (it must be 0700)`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether `path` is a regular file of this user that nobody else may write and that holds
 * exactly `bytes`, read through one descriptor; false when it is missing.
 */
function holds(path: string, bytes: Uint8Array): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== process.geteuid!() || (st.mode & 0o022) !== 0) {
      throw new NativeError(`${path}: refusing a file that is not this user's alone (uid ${st.uid}, mode 0${(st.mode & 0o777).toString(8)})`);
    }
    return readFileSync(fd).equals(bytes);
  } finally {
    closeSync(fd);
  }
}

/**
 * Eight hex digits that tell contents apart (32-bit FNV-1a), for file names: a version of
 * jitdbg whose library differs uses another file. Not a check: `holds` compares every byte.
 * (node:crypto would do, but takes longer to load than the whole registration.)
 */
function contentTag(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * A file name `prefix<pid>-<random><suffix>` for a private directory. Files there are created
 * with O_EXCL in a directory only this user can write, so the name need not be unguessable.
 */
export function uniqueName(prefix: string, suffix: string): string {
  return `${prefix}${process.pid}-${Math.random().toString(16).slice(2, 14)}${suffix}`;
}

/** One `jit_code_entry` of the list. */
export interface CodeEntry {
  address: number;
  symfileAddr: number;
  symfileSize: number;
}

/** The descriptor's fields. */
export interface DescriptorState {
  version: number;
  actionFlag: number;
  relevantEntry: number;
  entries: CodeEntry[];
}

/** Reads a descriptor and walks its list, checking every back link; a broken list throws NativeError. */
export function readDescriptor(descriptor: number, limit = 1_000_000): DescriptorState {
  const d = decodeDescriptor(view(descriptor, DESCRIPTOR_SIZE));
  const entries: CodeEntry[] = [];
  let prev = 0;
  for (let at = d.firstEntry; at !== 0;) {
    const e = decodeCodeEntry(view(at, CODE_ENTRY_SIZE));
    if (e.prevEntry !== prev) throw new NativeError(`jit_code_entry 0x${at.toString(16)}: prev_entry is 0x${e.prevEntry.toString(16)}, not 0x${prev.toString(16)}`);
    if (entries.length === limit) throw new NativeError(`the descriptor lists more than ${limit} entries (a cycle?)`);
    entries.push({ address: at, symfileAddr: e.symfileAddr, symfileSize: e.symfileSize });
    prev = at;
    at = e.nextEntry;
  }
  return { version: d.version, actionFlag: d.actionFlag, relevantEntry: d.relevantEntry, entries };
}

/** A DataView of native memory. */
export function view(address: number, size: number): DataView {
  const bytes = memoryView(address, size);
  return new DataView(bytes.buffer, bytes.byteOffset, size);
}
