/**
 * The Target: the process the linked code lives in, as the session needs it. The linker and
 * the session decide everything from addresses; what only the target process can answer or do
 * — look a symbol up in its libraries, say what a far address holds, give a module a
 * thread-local block, register unwind tables, run code, register debug images — goes through
 * this interface. This process is one implementation (native/target.ts); a process at the other
 * end of a pipe or socket is another; a target with no process at all is a third (detached.ts).
 */
import type { MemoryManager } from '../memory/types.js';

/** Something held until it is disposed. Every dispose is idempotent. */
export interface Disposable {
  dispose(): void;
}

/** A module's thread-local storage image: what every thread's copy of its block starts as. */
export interface TlsImage {
  /** The relocated initialization image (.tdata). */
  init: Uint8Array;
  size: number;
  align: number;
  /** Initial- or local-exec code: the block must lie at one offset from every thread pointer. */
  static: boolean;
}

/** A module's thread-local storage block, as the target's dynamic loader gave it. */
export interface TlsBlock {
  /** The TLS module id that __tls_get_addr takes. */
  moduleId: number;
  /** Where the block starts relative to the thread pointer (static blocks; NaN otherwise). */
  offset: number;
  release(): void;
}

/**
 * How an absolute 32-bit reference reaches a target address above the low 2 or 4 GiB: 'code'
 * through a stub, a copy of read-only data (the bytes of the whole object, which must start at
 * the address), or not at all (undefined).
 */
export type FarReference = 'code' | Uint8Array | undefined;

/** Reads `size` bytes of target memory at `address`. */
export type ReadTarget = (address: number, size: number) => Uint8Array;

/** A registered debug image; `dispose()` unregisters it and frees what it holds. */
export type Registration = Disposable;

/** Where debug images go: a debugger's view of the target (GDB's JIT interface in it). */
export interface Registrar {
  /** Reads target memory: the contents of loaded sections, which images carry. */
  readonly read: ReadTarget;
  /**
   * Registers an image (the registrar copies it into memory it owns; the image names its module
   * in its STT_FILE symbol). When it throws, nothing is registered.
   */
  register(image: Uint8Array): Registration;
}

/** A native function, called from here: koffi's type spelling ('int', 'const char *', ...); pointers may be given as addresses. */
export type NativeCall = (...args: unknown[]) => unknown;

export interface Target {
  /** Why the target's process is gone, once it is (an executor that died): nothing is left there to run or free. */
  readonly lost?: string;
  /** Target memory: where modules are laid out, written and finalized. */
  readonly memory: MemoryManager;
  /** Reads target memory (what debug images copy from loaded sections). */
  readonly read: ReadTarget;
  /** The address of a symbol the target process defines (its libraries), or undefined. */
  lookup(name: string): number | undefined;
  /**
   * Names `lookup` is about to be asked, all at once: a target in another process answers them
   * in one request instead of one each.
   */
  prefetch?(names: readonly string[]): void;
  /** How an absolute 32-bit reference reaches `address`, a target address found by `lookup`. */
  farReference(address: number): FarReference;
  /**
   * Gives a module's thread-local storage block a home: every thread gets a copy of `init`
   * followed by zeros up to `size`. Absent: objects with TLS cannot be linked. Throws a
   * JitdbgError saying why the block has no home (the linker adds the object).
   */
  threadLocal?(image: TlsImage): TlsBlock;
  /** Registers the .eh_frame records at `address` (zero-terminated) with the target's unwinder. */
  registerFrames(address: number): Disposable;
  /**
   * A function calling the code at `address` in the target with koffi's type spelling (`name`
   * says what it is, in errors). It returns the result, or, for a target in another process, a
   * promise of it. Absent: `JITSession.function` throws.
   */
  function?(address: number, result: string, args: readonly string[], name?: string): NativeCall;
  /**
   * Calls `void f(uintptr_t...)` at `address` and returns when it has: initializers and
   * finalizers. Absent: the target runs no code (initializers are not run).
   */
  run?(address: number, args?: readonly number[]): void;
  /** Where debug images go by default; undefined: nowhere. Asked once, on the first link. */
  registrar(): Registrar | undefined;
}
