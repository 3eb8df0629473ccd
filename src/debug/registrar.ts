/**
 * Where debug images go. The linker knows nothing of debuggers: the session hands each linked
 * module to a ModuleRegistrar, and `moduleRegistrar` makes one from a Registrar — GDB's JIT
 * interface in this process (gdb-jit.ts), or another process's when target memory is remote.
 */
import { FormatError } from '../binary/errors.js';
import { Dwarf } from '../dwarf/dwarf.js';
import * as DW from '../dwarf/forms/consts.js';
import type { Disposable, ModuleRegistrar } from '../session.js';
import { debugImage, type ImageSource, type ReadTarget } from './image.js';

/** A registered image; `dispose()` unregisters it and frees what it holds. Idempotent. */
export type Registration = Disposable;

export interface Registrar {
  /** Reads target memory: the contents of loaded sections, which images carry. */
  readonly read: ReadTarget;
  /**
   * Registers an image (the registrar copies it into memory it owns; the image names its module
   * in its STT_FILE symbol). When it throws, nothing is registered.
   */
  register(image: Uint8Array): Registration;
}

export interface ModuleRegistrarOptions {
  /** Receives each module's image as it is registered (`jitdbg run --dump-images`). */
  onImage?: (name: string, image: Uint8Array) => void;
  /** Where problems with a module's debug information are reported; default stderr. */
  warn?: (message: string) => void;
}

/**
 * A ModuleRegistrar registering each module's debug image with `registrar`. A module whose
 * DWARF is malformed is registered without its debug sections (symbols and unwind tables still
 * serve), with a warning: it links and runs all the same.
 */
export function moduleRegistrar(registrar: Registrar, options: ModuleRegistrarOptions = {}): ModuleRegistrar {
  const warn = options.warn ?? ((m: string) => process.stderr.write(`${m}\n`));
  return (module) => {
    const problem = dwarfProblem(module);
    if (problem) warn(`jitdbg: ${module.name}: debug information left out of its debug image: ${problem}`);
    const image = debugImage(module, registrar.read, { withoutDebugSections: problem !== undefined });
    options.onImage?.(module.name, image);
    return registrar.register(image);
  };
}

/**
 * Why the module's DWARF cannot be trusted to a debugger, or undefined. Reads the skeleton a
 * consumer starts from — every unit header, its abbreviations and root DIE, the header of its
 * line program — which is cheap even for sqlite3.o.
 */
export function dwarfProblem(module: ImageSource): string | undefined {
  if (!module.debugSections.has('.debug_info')) return undefined;
  const dwarf = new Dwarf((name) => module.debugSections.get(name), { file: module.name });
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
