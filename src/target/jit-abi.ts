/**
 * GDB's JIT interface ABI (gdb/jit.h, LP64): the layout of `struct jit_descriptor` and
 * `struct jit_code_entry`, shared by the registrar that writes them in this process
 * (src/native) and the reader of another process's list (src/live).
 *
 * The layout is described once, in gdb-scripts/jitdbg/jit-abi.json, which the GDB commands
 * (gdb-scripts/jitdbg/abi.py) read too. The npm package ships gdb-scripts/ beside dist/, so the
 * file is found relative to this module in a checkout and in an installed package alike.
 */
import { readFileSync } from 'node:fs';

interface Field {
  offset: number;
  /** 4 (uint32_t) or 8 (a pointer or uint64_t) */
  size: number;
}

interface Layout<F extends string> {
  size: number;
  fields: Record<F, Field>;
}

interface Abi {
  registerCodeSymbol: string;
  descriptorSymbol: string;
  version: number;
  actions: Record<'JIT_NOACTION' | 'JIT_REGISTER_FN' | 'JIT_UNREGISTER_FN', number>;
  jit_descriptor: Layout<'version' | 'action_flag' | 'relevant_entry' | 'first_entry'>;
  jit_code_entry: Layout<'next_entry' | 'prev_entry' | 'symfile_addr' | 'symfile_size'>;
}

const ABI = JSON.parse(readFileSync(new URL('../../../gdb-scripts/jitdbg/jit-abi.json', import.meta.url), 'utf8')) as Abi;

/** What GDB looks for in every loaded object: a function it breakpoints and the list's head. */
export const REGISTER_CODE = ABI.registerCodeSymbol;
export const DESCRIPTOR = ABI.descriptorSymbol;
/** The only `version` GDB reads. */
export const DESCRIPTOR_VERSION = ABI.version;

/** `jit_actions_t` */
export const { JIT_NOACTION, JIT_REGISTER_FN, JIT_UNREGISTER_FN } = ABI.actions;

/** `struct jit_descriptor { uint32_t version; uint32_t action_flag; jit_code_entry *relevant_entry, *first_entry; }` */
export const DESCRIPTOR_SIZE = ABI.jit_descriptor.size;
export const { version: VERSION, action_flag: ACTION_FLAG, relevant_entry: RELEVANT_ENTRY, first_entry: FIRST_ENTRY } = offsets(ABI.jit_descriptor);

/** `struct jit_code_entry { jit_code_entry *next_entry, *prev_entry; const char *symfile_addr; uint64_t symfile_size; }` */
export const CODE_ENTRY_SIZE = ABI.jit_code_entry.size;
export const { next_entry: NEXT_ENTRY, prev_entry: PREV_ENTRY, symfile_addr: SYMFILE_ADDR, symfile_size: SYMFILE_SIZE } = offsets(ABI.jit_code_entry);

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
  const f = ABI.jit_descriptor.fields;
  return { version: fieldAt(v, f.version), actionFlag: fieldAt(v, f.action_flag), relevantEntry: fieldAt(v, f.relevant_entry), firstEntry: fieldAt(v, f.first_entry) };
}

export function decodeCodeEntry(v: DataView): JitCodeEntry {
  const f = ABI.jit_code_entry.fields;
  return { nextEntry: fieldAt(v, f.next_entry), prevEntry: fieldAt(v, f.prev_entry), symfileAddr: fieldAt(v, f.symfile_addr), symfileSize: fieldAt(v, f.symfile_size) };
}

function offsets<F extends string>(layout: Layout<F>): Record<F, number> {
  return Object.fromEntries(Object.entries<Field>(layout.fields).map(([name, f]) => [name, f.offset])) as Record<F, number>;
}

/** A uint32_t, or a pointer or uint64_t. */
function fieldAt(v: DataView, f: Field): number {
  return f.size === 4 ? v.getUint32(f.offset, true) : pointerAt(v, f.offset);
}

/** A pointer field; user-space addresses fit in 2^53. */
export function pointerAt(v: DataView, offset: number): number {
  return Number(v.getBigUint64(offset, true));
}
