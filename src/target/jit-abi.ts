/**
 * GDB's JIT interface ABI (gdb/jit.h, LP64): the layout of `struct jit_descriptor` and
 * `struct jit_code_entry`, shared by the registrar that writes them in this process
 * (src/native) and the reader of another process's list (src/live).
 */

/** What GDB looks for in every loaded object: a function it breakpoints and the list's head. */
export const REGISTER_CODE = '__jit_debug_register_code';
export const DESCRIPTOR = '__jit_debug_descriptor';

/** `jit_actions_t` */
export const JIT_NOACTION = 0;
export const JIT_REGISTER_FN = 1;
export const JIT_UNREGISTER_FN = 2;

/** `struct jit_descriptor { uint32_t version; uint32_t action_flag; jit_code_entry *relevant_entry, *first_entry; }` */
export const DESCRIPTOR_SIZE = 24;
export const VERSION = 0;
export const ACTION_FLAG = 4;
export const RELEVANT_ENTRY = 8;
export const FIRST_ENTRY = 16;

/** `struct jit_code_entry { jit_code_entry *next_entry, *prev_entry; const char *symfile_addr; uint64_t symfile_size; }` */
export const CODE_ENTRY_SIZE = 32;
export const NEXT_ENTRY = 0;
export const PREV_ENTRY = 8;
export const SYMFILE_ADDR = 16;
export const SYMFILE_SIZE = 24;

export interface JitDescriptor {
  version: number;
  actionFlag: number;
  relevantEntry: number;
  firstEntry: number;
}

export interface JitCodeEntry {
  nextEntry: number;
  prevEntry: number;
  symfileAddr: number;
  symfileSize: number;
}

export function decodeDescriptor(v: DataView): JitDescriptor {
  return {
    version: v.getUint32(VERSION, true),
    actionFlag: v.getUint32(ACTION_FLAG, true),
    relevantEntry: pointerAt(v, RELEVANT_ENTRY),
    firstEntry: pointerAt(v, FIRST_ENTRY),
  };
}

export function decodeCodeEntry(v: DataView): JitCodeEntry {
  return {
    nextEntry: pointerAt(v, NEXT_ENTRY),
    prevEntry: pointerAt(v, PREV_ENTRY),
    symfileAddr: pointerAt(v, SYMFILE_ADDR),
    symfileSize: pointerAt(v, SYMFILE_SIZE),
  };
}

/** A pointer field; user-space addresses fit in 2^53. */
export function pointerAt(v: DataView, offset: number): number {
  return Number(v.getBigUint64(offset, true));
}
