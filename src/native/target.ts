/**
 * This process as a Target: symbols from the libraries the caller named (in their order), then
 * the process's global scope (dlsym RTLD_DEFAULT); far addresses classified from
 * /proc/self/maps and the dynamic symbol table; TLS blocks from the dynamic loader; unwind
 * tables registered with libgcc_s; code called through koffi; debug images registered with
 * GDB through the process's one JIT descriptor.
 */
import { JitdbgError } from '../binary/errors.js';
import { NativeMemoryManager } from './memory.js';
import type { MemoryManager } from '../memory/types.js';
import type { Disposable, FarReference, NativeCall, Registrar, Target, TlsBlock, TlsImage } from '../target/types.js';
import { GdbJitRegistrar } from './gdb-jit.js';
import { dlopen, dlsym, linkMap, linkMapAt, mappingPermissions, memoryView, nativeFunction, RTLD_DEFAULT, symbolSizeAt } from './libc.js';
import { nativeTlsBlock } from './tls.js';
import { deregisterFrames, registerFrames } from './unwind.js';

export interface InProcessTargetOptions {
  /** Target memory; default: a NativeMemoryManager. It must be this process's. */
  memory?: MemoryManager;
  /**
   * Shared libraries to dlopen (RTLD_GLOBAL), e.g. 'libz.so.1'; their symbols come before the
   * process's own, so a library Node also carries a copy of (zlib, OpenSSL) is the one named.
   */
  libraries?: readonly string[];
}

export class InProcessTarget implements Target {
  readonly memory: MemoryManager;
  readonly read = memoryView;
  /** Each library named, in order: its handle and its link_map. */
  private readonly libraries: { handle: number; map: number }[];

  /** Throws NativeError naming a library that cannot be loaded. */
  constructor(options: InProcessTargetOptions = {}) {
    this.memory = options.memory ?? new NativeMemoryManager();
    if (!this.memory.inProcess) throw new JitdbgError('an in-process target needs memory of this process');
    this.libraries = (options.libraries ?? []).map((name) => {
      const handle = dlopen(name);
      return { handle, map: linkMap(handle) };
    });
  }

  /**
   * A library's own definition first: dlsym on its handle would also search its dependencies
   * (libc) ahead of the process's global scope, skipping what the process interposes.
   */
  lookup(name: string): number | undefined {
    for (const l of this.libraries) {
      const address = dlsym(l.handle, name);
      if (address !== undefined && linkMapAt(address) === l.map) return address;
    }
    return dlsym(RTLD_DEFAULT, name);
  }

  /**
   * Position-dependent code holds process addresses in 32-bit fields. A native link makes them
   * fit with PLT entries and copy relocations; the same here: a stub for a function, a copy for
   * read-only data (typeinfo, vtables, VTTs, constants). Writable data cannot be copied.
   */
  farReference(address: number): FarReference {
    // glibc's __libc_single_threaded (inlined in libstdc++'s reference counting) only ever goes
    // from 1 to 0, and a Node process already runs threads: a copy of its 0 stays true.
    if (address === dlsym(RTLD_DEFAULT, '__libc_single_threaded') && memoryView(address, 1)[0] === 0) return new Uint8Array(1);
    const perms = mappingPermissions(address);
    if (!perms) return undefined;
    if (perms[2] === 'x') return 'code';
    if (perms[1] === 'w') return undefined;
    const size = symbolSizeAt(address);
    return size ? memoryView(address, size).slice() : undefined;
  }

  threadLocal(image: TlsImage): TlsBlock {
    return nativeTlsBlock(image);
  }

  registerFrames(address: number): Disposable {
    registerFrames(address);
    let registered = true;
    return {
      dispose() {
        if (registered) deregisterFrames(address);
        registered = false;
      },
    };
  }

  function(address: number, result: string, args: readonly string[]): NativeCall {
    return nativeFunction(address, result, [...args]);
  }

  run(address: number, args: readonly number[] = []): void {
    nativeFunction(address, 'void', args.map(() => 'uintptr_t'))(...args);
  }

  registrar(): Registrar | undefined {
    return gdbRegistrar();
  }
}

let shared: GdbJitRegistrar | null | undefined;

/**
 * The process's one GDB registrar. When the registration library cannot be set up (e.g. an
 * unsafe cache directory), says so once on stderr and gives none: the code still runs.
 */
function gdbRegistrar(): GdbJitRegistrar | undefined {
  if (shared === undefined) {
    try {
      shared = new GdbJitRegistrar();
    } catch (e) {
      shared = null;
      process.stderr.write(`jitdbg: debug images will not be registered with GDB: ${(e as Error).message}\n`);
    }
  }
  return shared ?? undefined;
}
