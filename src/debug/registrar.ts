/**
 * Where debug images go. The linker knows nothing of debuggers: the session hands each batch of
 * linked modules to a ModuleRegistrar, and `moduleRegistrar` makes one from a Registrar — the
 * target's: GDB's JIT interface in this process (native/gdb-jit.ts), or another process's.
 */
import { FormatError } from '../binary/errors.js';
import { Dwarf } from '../dwarf/dwarf.js';
import * as DW from '../dwarf/forms/consts.js';
import type { Disposable, Registrar, Registration } from '../target/types.js';
import { UnmergeableError } from './errors.js';
import { debugImage, type ImageSource } from './image.js';

/**
 * Called with the modules of each batch once they are linked and finalized, before their
 * initializers run; returns a handle per module (or undefined), disposed first when that module
 * goes. A registrar may describe a whole batch in one image, which spares an attached debugger
 * one stop per module.
 */
export type ModuleRegistrar = (modules: readonly ImageSource[]) => readonly (Disposable | undefined)[];

export interface ModuleRegistrarOptions {
  /**
   * Receives each batch's image(s) as they are first registered, with the names of the modules
   * each describes (`jitdbg run --dump-images`); not the images a batch is split into later.
   */
  onImage?: (names: readonly string[], image: Uint8Array) => void;
  /** Where problems with a module's debug information are reported; default stderr. */
  warn?: (message: string) => void;
}

/**
 * A ModuleRegistrar registering the debug image of each batch of modules with `registrar`: one
 * image for the whole batch (one debugger stop instead of one per module), or one per module
 * when their memory is too far apart to merge unwind tables. When a module of a merged batch is
 * disposed, the batch's image is unregistered and each remaining module gets an image of its own,
 * so that the debugger forgets exactly that module's code. A module whose DWARF is malformed is
 * described without its debug sections (symbols and unwind tables still serve), with a warning:
 * it links and runs all the same.
 */
export function moduleRegistrar(registrar: Registrar, options: ModuleRegistrarOptions = {}): ModuleRegistrar {
  const warn = options.warn ?? ((m: string) => process.stderr.write(`${m}\n`));
  return (modules) => {
    const malformed = new Set<ImageSource>();
    for (const m of modules) {
      const problem = dwarfProblem(m);
      if (problem === undefined) continue;
      malformed.add(m);
      warn(`jitdbg: ${m.name}: debug information left out of its debug image: ${problem}`);
    }
    const image = (members: readonly ImageSource[]) => debugImage(members, registrar.read, { withoutDebugSections: malformed });
    const register = (members: readonly ImageSource[]): Registration => registrar.register(image(members));
    const first = (members: readonly ImageSource[]): Registration => {
      const bytes = image(members);
      options.onImage?.(members.map((m) => m.name), bytes);
      return registrar.register(bytes);
    };
    if (modules.length <= 1) return modules.map((m) => first([m]));
    let whole: Registration;
    try {
      whole = first(modules);
    } catch (e) {
      if (!(e instanceof UnmergeableError)) throw e;
      return registerEach(modules, first);
    }
    return new Batch(modules, whole, register).handles;
  };
}

/** One registration per module; if one fails, those made are undone. */
function registerEach(modules: readonly ImageSource[], register: (members: readonly ImageSource[]) => Registration): Registration[] {
  const done: Registration[] = [];
  try {
    for (const m of modules) done.push(register([m]));
  } catch (e) {
    for (const r of done) r.dispose();
    throw e;
  }
  return done;
}

/** The modules of a merged image: one registration until a member goes, then one each. */
class Batch {
  readonly handles: Registration[];
  private whole: Registration | undefined;
  private readonly own = new Map<ImageSource, Registration>();
  private readonly gone = new Set<ImageSource>();

  constructor(
    private readonly modules: readonly ImageSource[],
    whole: Registration,
    private readonly register: (members: readonly ImageSource[]) => Registration,
  ) {
    this.whole = whole;
    this.handles = modules.map((m) => ({ dispose: () => this.drop(m) }));
  }

  private drop(m: ImageSource): void {
    if (this.gone.has(m)) return;
    this.gone.add(m);
    const whole = this.whole;
    if (whole) {
      this.whole = undefined;
      whole.dispose();
      const rest = this.modules.filter((o) => !this.gone.has(o));
      registerEach(rest, this.register).forEach((r, i) => this.own.set(rest[i]!, r));
    } else {
      this.own.get(m)?.dispose();
      this.own.delete(m);
    }
  }
}

/**
 * Why the module's DWARF cannot be trusted to a debugger, or undefined. Reads the skeleton a
 * consumer starts from — every unit header, its abbreviations and root DIE, the header of its
 * line program — which is cheap even for sqlite3.o.
 */
export function dwarfProblem(module: ImageSource): string | undefined {
  if (!module.debugSections.has('.debug_info')) return undefined;
  const dwarf = new Dwarf((name) => module.debugSections.get(name)); // no file: the caller names the module
  try {
    for (const unit of dwarf.units()) {
      const root = unit.root();
      const stmtList = root.numberOf(DW.DW_AT_stmt_list);
      if (stmtList !== undefined) dwarf.lineProgram(stmtList, unit);
    }
  } catch (e) {
    if (e instanceof FormatError) return e.message;
    throw e;
  }
  return undefined;
}
