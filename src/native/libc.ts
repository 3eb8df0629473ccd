/**
 * koffi bindings to the C library and the dynamic loader: memory mapping, raw memory access,
 * symbol lookup and calls through function pointers. Addresses cross this boundary as plain
 * numbers (`uintptr_t`): user-space addresses fit in 2^53.
 */
import { readFileSync } from 'node:fs';
import koffi from 'koffi';
import { JitdbgError } from '../binary/errors.js';

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
const MAP_PRIVATE = 0x02;
const MAP_ANONYMOUS = 0x20;
const MAP_FIXED_NOREPLACE = 0x100000;
const RTLD_NOW = 0x2;
const RTLD_GLOBAL = 0x100;

const libc = koffi.load('libc.so.6');
const c = {
  mmap: libc.func('uintptr_t mmap(uintptr_t addr, size_t length, int prot, int flags, int fd, int64_t offset)'),
  mprotect: libc.func('int mprotect(uintptr_t addr, size_t length, int prot)'),
  munmap: libc.func('int munmap(uintptr_t addr, size_t length)'),
  strerror: libc.func('const char *strerror(int errnum)'),
  dlopen: libc.func('uintptr_t dlopen(const char *file, int mode)'),
  dlsym: libc.func('uintptr_t dlsym(uintptr_t handle, const char *name)'),
  dlerror: libc.func('const char *dlerror(void)'),
  fflush: libc.func('int fflush(uintptr_t stream)'),
  dladdr1: libc.func('int dladdr1(uintptr_t addr, _Out_ uint8_t *info, _Out_ uintptr_t *extra, int flags)'),
  dlinfo: libc.func('int dlinfo(uintptr_t handle, int request, _Out_ uintptr_t *info)'),
  prctl: libc.func('int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)'),
  dup: libc.func('int dup(int fd)'),
  dup2: libc.func('int dup2(int fd, int fd2)'),
};

/** The page size of x86-64 Linux. */
export const PAGE_SIZE = 4096;

/**
 * What this process's C library or dynamic loader refused: a failed system call (with errno's
 * text), a library dlopen cannot load (its name as `where.file`, dlerror's text as the reason),
 * an unsafe cache directory. Not a bug of jitdbg: the CLI prints it as one line.
 */
export class NativeError extends JitdbgError {
  override readonly name = 'NativeError';
}

function failed(what: string): NativeError {
  const errno = koffi.errno();
  return new NativeError(`${what}: ${c.strerror(errno)} (errno ${errno})`);
}

/** Whether a uintptr_t result is MAP_FAILED ((void *)-1) or NULL. */
function isFailure(p: number | bigint): boolean {
  return Number(p) === 0 || Number(p) >= 2 ** 64 - 2 ** 12;
}

/**
 * Maps `length` bytes of zeroed, private, anonymous memory with protection `prot` exactly at
 * `address`, or returns undefined when something else is mapped there.
 */
export function mapAt(address: number, length: number, prot: number): number | undefined {
  const p = c.mmap(address, length, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (isFailure(p)) {
    const errno = koffi.errno();
    if (errno === 17 /* EEXIST */ || errno === 12 /* ENOMEM */ || errno === 1 /* EPERM: below mmap_min_addr */) return undefined;
    throw failed(`mmap(0x${address.toString(16)}, ${length})`);
  }
  const got = Number(p);
  // Kernels before 4.17 ignore MAP_FIXED_NOREPLACE and treat the address as a hint.
  if (got !== address) {
    c.munmap(got, length);
    return undefined;
  }
  return got;
}

/** Maps `length` bytes wherever the kernel chooses. */
export function mapAnywhere(length: number, prot: number): number {
  const p = c.mmap(0, length, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (isFailure(p)) throw failed(`mmap(${length})`);
  return Number(p);
}

export function protect(address: number, length: number, prot: number): void {
  if (c.mprotect(address, length, prot) !== 0) throw failed(`mprotect(0x${address.toString(16)}, ${length})`);
}

export function unmap(address: number, length: number): void {
  if (c.munmap(address, length) !== 0) throw failed(`munmap(0x${address.toString(16)}, ${length})`);
}

/** A read-only private mapping of the first `length` bytes of open file `fd`; the caller may close `fd` after. */
export function mapFile(fd: number, length: number): number {
  const p = c.mmap(0, length, PROT_READ, MAP_PRIVATE, fd, 0);
  if (isFailure(p)) throw failed(`mmap of a file (${length} bytes)`);
  return Number(p);
}

/** A pointer value koffi accepts where a `void *` is expected. */
export function pointer(address: number): unknown {
  return koffi.decode(new BigUint64Array([BigInt(address)]), 'void *');
}

/** The `length` bytes at `address`, without a copy: the caller keeps the memory mapped. */
export function memoryView(address: number, length: number): Uint8Array {
  if (length === 0) return new Uint8Array(0);
  return new Uint8Array(koffi.view(pointer(address), length));
}

/** Opens a shared library (RTLD_NOW | RTLD_GLOBAL); returns its handle. */
export function dlopen(file: string): number {
  const h = c.dlopen(file, RTLD_NOW | RTLD_GLOBAL);
  if (!h) throw new NativeError(`cannot load the library: ${loaderReason(file, c.dlerror())}`, { file });
  return Number(h);
}

/** dlerror's text without the file name it starts with ("libfoo.so: cannot open shared object file: ..."). */
function loaderReason(file: string, error: string | null): string {
  if (!error) return 'dlopen failed';
  return error.startsWith(`${file}: `) ? error.slice(file.length + 2) : error;
}

/** RTLD_DEFAULT: search the global scope, in load order. */
export const RTLD_DEFAULT = 0;

/** The address of `name` in `handle`'s scope, or undefined. */
export function dlsym(handle: number, name: string): number | undefined {
  const p = c.dlsym(handle, name);
  return p ? Number(p) : undefined;
}

/** This process's mappings, from /proc/self/maps, in address order. */
function mappings(): { start: number; end: number; perms: string }[] {
  return readFileSync('/proc/self/maps', 'utf8').split('\n').flatMap((line) => {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+)/.exec(line);
    return m ? [{ start: parseInt(m[1]!, 16), end: parseInt(m[2]!, 16), perms: m[3]! }] : [];
  });
}

/** The permissions ("r-xp"...) of the mapping of this process that holds `address`. */
export function mappingPermissions(address: number): string | undefined {
  return mappings().find((m) => address >= m.start && address < m.end)?.perms;
}

/** Whether every byte of [address, address + size) lies in readable mappings of this process (a read elsewhere would fault). */
export function isReadable(address: number, size: number): boolean {
  let at = address;
  for (const m of mappings()) {
    if (at >= address + size) break;
    if (at >= m.start && at < m.end) {
      if (m.perms[0] !== 'r') return false;
      at = m.end;
    }
  }
  return at >= address + size;
}

const RTLD_DL_LINKMAP = 2;
const RTLD_DL_SYMENT = 1;
const RTLD_DI_LINKMAP = 2;

/** The `struct link_map *` of a dlopen handle (dlinfo RTLD_DI_LINKMAP). */
export function linkMap(handle: number): number {
  const map = [0];
  if (c.dlinfo(handle, RTLD_DI_LINKMAP, map) !== 0 || !map[0]) throw new NativeError('dlinfo(RTLD_DI_LINKMAP) failed');
  return Number(map[0]);
}

/** The `struct link_map *` of the loaded object that contains `address`, or undefined. */
export function linkMapAt(address: number): number | undefined {
  const extra = [0];
  return c.dladdr1(address, Buffer.alloc(32), extra, RTLD_DL_LINKMAP) && extra[0] ? Number(extra[0]) : undefined;
}

/** The size of the dynamic symbol that starts exactly at `address` (dladdr1), or undefined. */
export function symbolSizeAt(address: number): number | undefined {
  const info = Buffer.alloc(32);
  const extra = [0];
  if (!c.dladdr1(address, info, extra, RTLD_DL_SYMENT) || !extra[0]) return undefined;
  if (Number(info.readBigUInt64LE(24)) !== address) return undefined; // dli_saddr: the nearest symbol's start
  return Number(koffi.decode(pointer(Number(extra[0])), 16, 'uint64_t'));
}

/** The process's `environ`: the `char **envp` a C main takes as its third argument. */
export function environment(): unknown {
  const environ = dlsym(RTLD_DEFAULT, 'environ');
  if (environ === undefined) throw new NativeError('environ is not defined in this process');
  return koffi.decode(pointer(environ), 'void *');
}

/**
 * Runs the calling thread's thread_local destructors (those registered with
 * __cxa_thread_atexit), as exit() does first; glibc's __call_tls_dtors, skipped where absent.
 */
export function runThreadLocalDestructors(): void {
  const f = dlsym(RTLD_DEFAULT, '__call_tls_dtors');
  if (f !== undefined) nativeFunction(f, 'void', [])();
}

/** Flushes every C stdio output stream (fflush(NULL)). */
export function flushStdio(): void {
  c.fflush(0);
}

/** A JavaScript function calling the native function at `address` with koffi's type spelling. */
export function nativeFunction(address: number, result: string, args: string[]): (...args: unknown[]) => unknown {
  const type = koffi.proto(result, args);
  const target = pointer(address);
  // An address given as a number where the type is a pointer (e.g. envp read from another
  // process's memory) becomes the pointer koffi expects.
  const pointers = args.map((t) => t.trim().endsWith('*'));
  return (...a: unknown[]) => koffi.call(target, type, ...a.map((v, i) => (pointers[i] && (typeof v === 'number' || typeof v === 'bigint') ? pointer(Number(v)) : v)));
}

/** The address a pointer value from koffi holds (0 for null). */
export function addressOf(p: unknown): number {
  return p === null ? 0 : Number(koffi.address(p));
}

const PR_SET_PDEATHSIG = 1;

/** Has the kernel send `signal` to this process when the thread that created it ends (prctl PR_SET_PDEATHSIG). */
export function setParentDeathSignal(signal: number): void {
  c.prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0);
}

/** A new descriptor for what `fd` refers to (dup). */
export function dup(fd: number): number {
  return c.dup(fd);
}

/** Makes descriptor `to` refer to what `from` does (dup2). */
export function dup2(from: number, to: number): void {
  c.dup2(from, to);
}
