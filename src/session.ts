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
import { JitdbgError } from './binary/errors.js';
import { moduleRegistrar, type ModuleRegistrar } from './debug/registrar.js';
import { LinkError } from './link/errors.js';
import { linkObjects, untimed, type DebugOffsets, type LinkedObject, type LinkInput, type LoadedSection, type LoadedSymbol, type PhaseTimer } from './link/link.js';
import type { Definition, LoadedMember } from './link/resolve.js';
import type { MemoryManager } from './memory/types.js';
import { InProcessTarget } from './native/target.js';
import { DetachedTarget } from './target/detached.js';
import type { Disposable, NativeCall, Target } from './target/types.js';

export interface JITSessionOptions {
  /**
   * The process the code lives in; default: this one (an InProcessTarget over `memory` and
   * `libraries`), or a DetachedTarget when `memory` is not this process's.
   */
  target?: Target;
  /** Target memory of the default target; default: this process's (NativeMemoryManager). */
  memory?: MemoryManager;
  /** Definitions to resolve against, after the session's modules and before the target's libraries. */
  symbols?: Record<string, number | bigint>;
  /** Shared libraries the default target loads and searches first, e.g. 'libz.so.1'. */
  libraries?: string[];
  /** Where debug images go; default: the target's registrar (GDB's JIT interface in this process); null: nowhere. */
  registrar?: ModuleRegistrar | null;
  /** Receives each link phase (parse, resolve, layout, fixups, finalize, frames, init). */
  timer?: PhaseTimer;
}

export class Module {
  /** Sections: loaded ones at their target address, debug ones at their offset in the debug section of their name. */
  readonly sections: readonly LoadedSection[];
  /**
   * Defined symbols with their target addresses, without the assembler's local labels (.LC0,
   * .L5: names starting with .L), which a linker drops too; `allSymbols` has them.
   */
  readonly symbols: readonly LoadedSymbol[];
  readonly allSymbols: readonly LoadedSymbol[];
  /** Non-allocated sections (DWARF...), relocated for the target addresses. */
  readonly debugSections: ReadonlyMap<string, Uint8Array>;
  /** Per debug section, its fields holding offsets into debug sections (for merging them). */
  readonly debugOffsets: ReadonlyMap<string, DebugOffsets>;
  /** Start and end of the module's target memory. */
  readonly start: number;
  readonly end: number;
  private state: 'linked' | 'running' | 'disposed' = 'linked';
  private registration: Disposable | undefined;
  private frames: Disposable[] = [];

  /** @internal */
  constructor(
    readonly name: string,
    private readonly linked: LinkedObject,
    private readonly session: JITSession,
    private readonly target: Target,
  ) {
    this.sections = linked.sections;
    this.allSymbols = linked.symbols;
    this.symbols = linked.symbols.filter((s) => !s.name.startsWith('.L'));
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

  /** @internal Registers the exception frames with the target's unwinder. */
  attach(): void {
    for (const f of this.linked.frames) this.frames.push(this.target.registerFrames(f));
  }

  /** @internal Takes the debug-image registration, to dispose with the module. */
  hold(registration: Disposable | undefined): void {
    this.registration = registration;
  }

  /** @internal Runs the initializers, in a target that runs code. */
  initialize(run: NonNullable<Target['run']>): void {
    this.state = 'running';
    for (const f of this.linked.initializers) run(f);
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
      const run = this.target.run?.bind(this.target);
      if (ran && run && this.target.lost === undefined) {
        const cxaFinalize = this.target.lookup('__cxa_finalize');
        if (cxaFinalize) run(cxaFinalize, [this.linked.dsoHandle]);
        for (const f of this.linked.finalizers) run(f);
      }
      for (const f of this.frames.splice(0)) f.dispose();
      this.linked.tls?.release();
    } finally {
      this.linked.allocation.release();
      this.session.forget(this);
    }
  }
}

export class JITSession {
  /** The process the session's code lives in. */
  readonly target: Target;
  private registrar: ModuleRegistrar | null | undefined;
  private readonly symbols: Map<string, number>;
  private readonly definitions = new Map<string, Definition>();
  private readonly groups = new Map<string, ReadonlyMap<string, LoadedMember>>();
  private readonly groupOwners = new Map<string, Module>();
  private readonly live: Module[] = [];
  private disposed = false;

  /** Throws NativeError naming a library of `libraries` that cannot be loaded. */
  constructor(private readonly options: JITSessionOptions = {}) {
    if (options.target && (options.memory || options.libraries)) throw new JitdbgError('memory and libraries belong to the target: give them to it, not to the session');
    this.target = options.target
      ?? (options.memory && !options.memory.inProcess ? new DetachedTarget(options.memory) : new InProcessTarget({ ...options }));
    this.registrar = options.registrar;
    this.symbols = new Map(Object.entries(options.symbols ?? {}).map(([k, v]) => [k, Number(v)]));
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
    const target = this.target;
    const linked = linkObjects(inputs, target.memory, { definitions: this.definitions, groups: this.groups }, { symbols: this.symbols, target }, time);
    const modules = linked.map((l) => new Module(l.name, l, this, target));
    try {
      time('frames', () => {
        modules.forEach((m) => m.attach());
        const registrations = this.moduleRegistrar()?.(modules) ?? [];
        modules.forEach((m, i) => m.hold(registrations[i]));
      });
      modules.forEach((m, i) => this.publish(m, linked[i]!));
      const run = target.run?.bind(target);
      if (run) time('init', () => modules.forEach((m) => m.initialize(run)));
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
   * 'int', 'double', 'const char *'...). It returns the result; in a target in another process
   * (an ExecutorTarget), a promise of it. Calling it after its module is disposed throws.
   */
  function(name: string, result: string, args: string[]): NativeCall {
    const d = this.definitions.get(name);
    if (!d) throw new LinkError('no module of the session defines this function', { symbol: name });
    if (!this.target.function) throw new JitdbgError(`${name} lives in a target that does not run code`, { symbol: name });
    const owner = d.owner as Module;
    const call = this.target.function(d.address, result, args, name);
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

  /** The registrar given, else one over the target's (asked on the first link), else none. */
  private moduleRegistrar(): ModuleRegistrar | null {
    if (this.registrar === undefined) {
      const r = this.target.registrar();
      this.registrar = r ? moduleRegistrar(r) : null;
    }
    return this.registrar;
  }

  private publish(m: Module, l: LinkedObject): void {
    this.live.push(m);
    for (const d of l.definitions) {
      const old = this.definitions.get(d.name);
      if (!old || d.strength > old.strength) this.definitions.set(d.name, { ...d, owner: m });
    }
    for (const [g, members] of l.groups) {
      if (!this.groups.has(g)) {
        this.groups.set(g, members);
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
