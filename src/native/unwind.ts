/**
 * libgcc_s's frame registration, which C++ exceptions and backtraces through JIT code need:
 * `__register_frame(begin)` walks the CIE/FDE records from `begin` up to a zero terminator.
 * Node links libgcc_s, so this is the unwinder the process already uses.
 */
import koffi from 'koffi';

let fns: { register: (p: number) => void; deregister: (p: number) => unknown } | undefined;

function bindings(): NonNullable<typeof fns> {
  if (!fns) {
    const lib = koffi.load('libgcc_s.so.1');
    fns = {
      register: lib.func('void __register_frame(uintptr_t begin)'),
      deregister: lib.func('void *__deregister_frame(uintptr_t begin)'),
    };
  }
  return fns;
}

/** Registers the .eh_frame records at `address` (terminated by a zero length word). */
export function registerFrames(address: number): void {
  bindings().register(address);
}

export function deregisterFrames(address: number): void {
  bindings().deregister(address);
}
