/**
 * A target with no process: modules are laid out and relocated in the memory given (e.g. a
 * BufferMemoryManager at chosen addresses) and nothing runs. No symbol of a process resolves, no
 * far reference reaches, TLS cannot be linked, and no debugger is told.
 */
import { JitdbgError } from '../binary/errors.js';
import type { MemoryManager } from '../memory/types.js';
import type { Disposable, FarReference, Registrar, Target } from './types.js';

const NOTHING: Disposable = { dispose() {} };

export class DetachedTarget implements Target {
  constructor(readonly memory: MemoryManager) {}
  read(address: number, _size: number): Uint8Array {
    throw new JitdbgError(`a detached target has no memory to read at 0x${address.toString(16)}`);
  }
  lookup(_name: string): number | undefined {
    return undefined;
  }
  farReference(_address: number): FarReference {
    return undefined;
  }
  registerFrames(_address: number): Disposable {
    return NOTHING;
  }
  registrar(): Registrar | undefined {
    return undefined;
  }
}
