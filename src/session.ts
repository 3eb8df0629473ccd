/**
 * The JITSession/Module API: load relocatable objects into this process (or into any target
 * memory a MemoryManager provides), look symbols up, call functions, dispose.
 *
 *   const session = new JITSession();
 *   session.addObject(bytes, 'fact.o');
 *   const fact = session.function('fact', 'int', ['int']);
 *   fact(5); // 120
 *   session.dispose();
 */
import { LinkError } from './link/errors.js';
import { linkObjects, untimed, type DebugOffsets, type LinkedObject, type LinkInput, type LoadedSection, type LoadedSymbol, type PhaseTimer } from './link/link.js';
import type { Definition, TlsBlock, TlsImage } from './link/resolve.js';
import type { MemoryManager } from './memory/types.js';
import { NativeMemoryManager } from './memory/native.js';
import { dlopen, dlsym, mappingPermissions, memoryView, NativeError, nativeFunction, RTLD_DEFAULT, symbolSizeAt } from './native/libc.js';
import { deregisterFrames, registerFrames } from './native/unwind.js';
import { nativeTlsBlock } from './native/tls.js';
import { gdbModuleRegistrar } from './debug/gdb-jit.js';

/** Something a module holds until it is disposed (a debug-image registration). */
export interface Disposable {
  dispose(): void;
}

/**
 * Called with the modules of each addObjects batch once they are linked and finalized, before
 * their initializers run; returns a handle per module (or undefined), disposed first when that
 * module goes. The seam for debug-image registration: a registrar may describe a whole batch in
 * one image, which spares an attached debugger one stop per module.
 */
export type ModuleRegistrar = (modules: readonly Module[]) => readonly (Disposable | undefined)[];

export interface JITSessionOptions {
  /** Target memory; default: this process's (NativeMemoryManager). */
  memory?: MemoryManager;
  /** Definitions to resolve against, after the session's modules and before the process. */
  symbols?: Record<string, number | bigint>;
  /** Shared libraries to dlopen (RTLD_GLOBAL) and resolve against, e.g. 'libm.so.6'. */
  libraries?: string[];
  /** Default: debug images registered with GDB (JIT interface) when memory is this process's; null: none. */
  registrar?: ModuleRegistrar | null;
  /**
   * Where a module's thread-local storage block lives; default: this process's dynamic loader
   * when memory is this process's, else none (objects with TLS are then a LinkError).
   */
  threadLocal?: (image: TlsImage) => TlsBlock;
  /** Receives each link phase (parse, resolve, layout, fixups, finalize, frames, init). */
  timer?: PhaseTimer;
}

/**
 * Position-dependent code holds process addresses in 32-bit fields. A native link makes them
 * fit with PLT entries and copy relocations; the same here: a stub for a function, a copy for
 * read-only data (typeinfo, vtables, VTTs, constants). Writable data cannot be copied.
 */
function farTarget(address: number): 'code' | Uint8Array | undefined {
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

/** A module's TLS block from the dynamic loader; a block it cannot place is a LinkError. */
function threadLocalBlock(image: TlsImage): TlsBlock {
  try {
    return nativeTlsBlock(image);
  } catch (e) {
    if (e instanceof NativeError) throw new LinkError(e.message);
    throw e;
  }
}

export class Module {
  /** Sections: loaded ones at their target address, debug ones at their offset in the debug section of their name. */
  readonly sections: readonly LoadedSection[];
  /** Defined symbols with their target addresses. */
  readonly symbols: readonly LoadedSymbol[];
  /** Non-allocated sections (DWARF...), relocated for the target addresses. */
  readonly debugSections: ReadonlyMap<string, Uint8Array>;
  /** Per debug section, its fields holding offsets into debug sections (for merging them). */
  readonly debugOffsets: ReadonlyMap<string, DebugOffsets>;
  /** Start and end of the module's target memory. */
  readonly start: number;
  readonly end: number;
  private state: 'linked' | 'running' | 'disposed' = 'linked';
  private registration: Disposable | undefined;
  private registeredFrames: number[] = [];

  /** @internal */
  constructor(
    readonly name: string,
    private readonly linked: LinkedObject,
    private readonly session: JITSession,
  ) {
    this.sections = linked.sections;
    this.symbols = linked.symbols;
    this.debugSections = linked.debugSections;
    this.debugOffsets = linked.debugOffsets;
    this.start = linked.allocation.start;
    this.end = linked.allocation.end;
  }

  get disposed(): boolean {
    return this.state === 'disposed';
  }

  /** The address of a symbol this module defines, or undefined. */
  lookup(name: string): bigint | undefined {
    const s = this.symbols.find((x) => x.name === name);
    return s ? BigInt(s.address) : undefined;
  }

  /** @internal Registers the exception frames. */
  attach(inProcess: boolean): void {
    if (inProcess) {
      for (const f of this.linked.frames) {
        registerFrames(f);
        this.registeredFrames.push(f);
      }
    }
  }

  /** @internal Takes the debug-image registration, to dispose with the module. */
  hold(registration: Disposable | undefined): void {
    this.registration = registration;
  }

  /** @internal Runs the initializers. */
  initialize(): void {
    this.state = 'running';
    for (const f of this.linked.initializers) nativeFunction(f, 'void', [])();
  }

  /**
   * Unregisters the debug image, runs the finalizers (static destructors registered with
   * this module's `__dso_handle`, then .fini_array and .dtors), deregisters the exception
   * frames, releases the thread-local storage block and frees the memory. Idempotent.
   */
  dispose(): void {
    if (this.state === 'disposed') return;
    const ran = this.state === 'running';
    this.state = 'disposed';
    try {
      this.registration?.dispose();
      if (ran) {
        const cxaFinalize = dlsym(RTLD_DEFAULT, '__cxa_finalize');
        if (cxaFinalize) nativeFunction(cxaFinalize, 'void', ['uintptr_t'])(this.linked.dsoHandle);
        for (const f of this.linked.finalizers) nativeFunction(f, 'void', [])();
      }
      for (const f of this.registeredFrames.splice(0)) deregisterFrames(f);
      this.linked.tls?.release();
    } finally {
      this.linked.allocation.release();
      this.session.forget(this);
    }
  }
}

export class JITSession {
  private readonly memory: MemoryManager;
  private readonly registrar: ModuleRegistrar | undefined;
  private readonly symbols: Map<string, number>;
  private readonly definitions = new Map<string, Definition>();
  private readonly groups = new Map<string, string>();
  private readonly groupOwners = new Map<string, Module>();
  private readonly live: Module[] = [];
  private disposed = false;

  constructor(private readonly options: JITSessionOptions = {}) {
    this.memory = options.memory ?? new NativeMemoryManager();
    this.registrar = options.registrar === undefined ? (this.memory.inProcess ? gdbModuleRegistrar() : undefined) : options.registrar ?? undefined;
    this.symbols = new Map(Object.entries(options.symbols ?? {}).map(([k, v]) => [k, Number(v)]));
    for (const lib of options.libraries ?? []) dlopen(lib);
  }

  /** The modules loaded and not disposed, in load order. */
  get modules(): readonly Module[] {
    return this.live;
  }

  addObject(bytes: Uint8Array, name: string): Module {
    return this.addObjects([{ bytes, name }])[0]!;
  }

  /**
   * Links objects that may reference each other into one module each, then runs their
   * initializers in order. A failure leaves the session as it was.
   */
  addObjects(inputs: LinkInput[]): Module[] {
    if (this.disposed) throw new Error('the session is disposed');
    const time = this.options.timer ?? untimed;
    const inProcess = this.memory.inProcess;
    const linked = linkObjects(inputs, this.memory, { definitions: this.definitions, groups: this.groups }, {
      symbols: this.symbols,
      lookupProcess: (name) => (inProcess ? dlsym(RTLD_DEFAULT, name) : undefined),
      farTarget: (address) => (inProcess ? farTarget(address) : undefined),
      ...(this.options.threadLocal ? { threadLocal: this.options.threadLocal } : inProcess ? { threadLocal: threadLocalBlock } : {}),
    }, time);
    const modules = linked.map((l) => new Module(l.name, l, this));
    try {
      time('frames', () => {
        modules.forEach((m) => m.attach(inProcess));
        const registrations = this.registrar?.(modules) ?? [];
        modules.forEach((m, i) => m.hold(registrations[i]));
      });
      modules.forEach((m, i) => this.publish(m, linked[i]!));
      if (inProcess) time('init', () => modules.forEach((m) => m.initialize()));
    } catch (e) {
      for (const m of modules) m.dispose();
      throw e;
    }
    return modules;
  }

  /** The address of a symbol a module of the session defines, or undefined. */
  lookup(name: string): bigint | undefined {
    const d = this.definitions.get(name);
    return d ? BigInt(d.address) : undefined;
  }

  /**
   * A JavaScript function that calls the native function `name` (types in koffi's spelling:
   * 'int', 'double', 'const char *'...). Calling it after its module is disposed throws.
   */
  function(name: string, result: string, args: string[]): (...args: unknown[]) => unknown {
    const d = this.definitions.get(name);
    if (!d) throw new LinkError('no module of the session defines this function', { symbol: name });
    if (!this.memory.inProcess) throw new Error(`${name} lives in target memory that is not this process's`);
    const owner = d.owner as Module;
    const call = nativeFunction(d.address, result, args);
    return (...a: unknown[]) => {
      if (owner.disposed) throw new Error(`${name} belongs to module ${owner.name}, which is disposed`);
      return call(...a);
    };
  }

  /** Disposes every module, last loaded first. Idempotent. */
  dispose(): void {
    this.disposed = true;
    for (const m of [...this.live].reverse()) m.dispose();
  }

  private publish(m: Module, l: LinkedObject): void {
    this.live.push(m);
    for (const d of l.definitions) {
      const old = this.definitions.get(d.name);
      if (!old || d.strength > old.strength) this.definitions.set(d.name, { ...d, owner: m });
    }
    for (const g of l.groups) {
      if (!this.groups.has(g)) {
        this.groups.set(g, l.name);
        this.groupOwners.set(g, m);
      }
    }
  }

  /** @internal Drops a disposed module's definitions and groups. */
  forget(m: Module): void {
    const i = this.live.indexOf(m);
    if (i >= 0) this.live.splice(i, 1);
    for (const [name, d] of this.definitions) if (d.owner === m) this.definitions.delete(name);
    for (const [g, owner] of this.groupOwners) {
      if (owner === m) {
        this.groupOwners.delete(g);
        this.groups.delete(g);
      }
    }
  }
}
