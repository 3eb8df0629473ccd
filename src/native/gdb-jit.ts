/**
 * The in-process GDB registrar: GDB's JIT interface protocol over this process's descriptor.
 *
 * register: copy the image into native memory owned by the registration, with its
 * `jit_code_entry` in front; link the entry at the head of the list; relevant_entry = entry,
 * action_flag = JIT_REGISTER_FN; call `__jit_debug_register_code` (an attached GDB stops there
 * and reads the image from memory); action_flag = JIT_NOACTION.
 * unregister: unlink; relevant_entry = entry, action_flag = JIT_UNREGISTER_FN; call; reset both;
 * free. The descriptor lock is held across the call, so no other thread can change
 * relevant_entry before GDB has read it (LLVM ORC releases its lock first and can).
 */
import type { Registrar, Registration } from '../target/types.js';
import {
  ACTION_FLAG, CODE_ENTRY_SIZE, DESCRIPTOR_SIZE, FIRST_ENTRY, JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN, NEXT_ENTRY, pointerAt,
  PREV_ENTRY, RELEVANT_ENTRY, SYMFILE_ADDR, SYMFILE_SIZE,
} from '../target/jit-abi.js';
import { allocateNative, freeNative, jitInterface, view, type JitInterface } from './jit-interface.js';
import { memoryView } from './libc.js';

export class GdbJitRegistrar implements Registrar {
  readonly read = memoryView;

  constructor(private readonly jit: JitInterface = jitInterface()) {}

  register(image: Uint8Array): Registration {
    const entry = allocateNative(CODE_ENTRY_SIZE + image.length);
    const symfile = entry + CODE_ENTRY_SIZE;
    memoryView(symfile, image.length).set(image);
    const e = view(entry, CODE_ENTRY_SIZE);
    e.setBigUint64(SYMFILE_ADDR, BigInt(symfile), true);
    e.setBigUint64(SYMFILE_SIZE, BigInt(image.length), true);
    e.setBigUint64(PREV_ENTRY, 0n, true);
    try {
      this.jit.locked(() => {
        const d = view(this.jit.descriptor, DESCRIPTOR_SIZE);
        const first = pointerAt(d, FIRST_ENTRY);
        e.setBigUint64(NEXT_ENTRY, BigInt(first), true);
        if (first) view(first, CODE_ENTRY_SIZE).setBigUint64(PREV_ENTRY, BigInt(entry), true);
        d.setBigUint64(FIRST_ENTRY, BigInt(entry), true);
        try {
          this.announce(d, entry, JIT_REGISTER_FN);
        } catch (err) {
          unlink(d, e);
          d.setBigUint64(RELEVANT_ENTRY, 0n, true);
          throw err;
        }
      });
    } catch (err) {
      freeNative(entry);
      throw err;
    }
    let registered = true;
    return {
      dispose: () => {
        if (!registered) return;
        registered = false;
        this.jit.locked(() => {
          const d = view(this.jit.descriptor, DESCRIPTOR_SIZE);
          unlink(d, e);
          try {
            this.announce(d, entry, JIT_UNREGISTER_FN);
          } finally {
            d.setBigUint64(RELEVANT_ENTRY, 0n, true);
          }
        });
        freeNative(entry);
      },
    };
  }

  /** Tells a debugger, if one is attached, what changed; the descriptor is at rest again afterwards. */
  private announce(d: DataView, entry: number, action: number): void {
    d.setBigUint64(RELEVANT_ENTRY, BigInt(entry), true);
    d.setUint32(ACTION_FLAG, action, true);
    try {
      this.jit.notify();
    } finally {
      d.setUint32(ACTION_FLAG, JIT_NOACTION, true);
    }
  }
}

/** Takes entry `e` out of the list of descriptor `d`. */
function unlink(d: DataView, e: DataView): void {
  const next = pointerAt(e, NEXT_ENTRY);
  const prev = pointerAt(e, PREV_ENTRY);
  if (prev) view(prev, CODE_ENTRY_SIZE).setBigUint64(NEXT_ENTRY, BigInt(next), true);
  else d.setBigUint64(FIRST_ENTRY, BigInt(next), true);
  if (next) view(next, CODE_ENTRY_SIZE).setBigUint64(PREV_ENTRY, BigInt(prev), true);
}
