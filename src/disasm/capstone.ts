/**
 * A binding of capstone's C API in its wasm module. The module is instantiated once per process
 * and only when a decoder is first opened: the import is dynamic, so loading jitdbg's API
 * costs nothing for it.
 */
import type { CapstoneModule } from '@alexaltea/capstone-js';

let loaded: Promise<CapstoneModule> | undefined;

export function capstone(): Promise<CapstoneModule> {
  loaded ??= import('@alexaltea/capstone-js').then((m) => m.default());
  return loaded;
}

// cs_insn in wasm32: id u32 at 0, address u64 at 8, size u16 at 16, bytes[24] at 18,
// mnemonic[32] at 42, op_str[160] at 74, detail pointer at 236.
const INSN_SIZE = 16;
const INSN_MNEMONIC = 42;
const INSN_OP_STR = 74;

/** One decoded instruction as capstone gives it; `id` 0 is skipped data. Valid during the visit only. */
export interface CsInstruction {
  id: number;
  size: number;
  mnemonic: string;
  opStr: string;
  /** Whether the instruction is in capstone group `group` (CS_GRP_*). */
  inGroup(group: number): boolean;
}

/** A capstone handle (csh). */
export class CsHandle {
  private handle: number;

  constructor(readonly cs: CapstoneModule, arch: number, mode: number) {
    const cell = cs._malloc(4);
    try {
      check(cs, cs._cs_open(arch, mode, cell), 'cs_open');
      this.handle = cs.getValue(cell, '*');
    } finally {
      cs._free(cell);
    }
  }

  option(type: number, value: number): void {
    check(this.cs, this.cs._cs_option(this.handle, type, value), `cs_option(${type}, ${value})`);
  }

  /** Decodes `bytes` placed at `address`, calling `visit` for each instruction until it returns false. */
  iterate(bytes: Uint8Array, address: bigint, visit: (insn: CsInstruction) => boolean): void {
    const { cs, handle } = this;
    // cs_disasm_iter advances the code pointer, the size left and the address in place.
    const code = cs._malloc(bytes.length);
    const state = cs._malloc(16);
    const insn = cs._cs_malloc(handle);
    try {
      cs.writeArrayToMemory(bytes, code);
      cs.setValue(state, code, '*');
      cs.setValue(state + 4, bytes.length, 'i32');
      cs.setValue(state + 8, address, 'i64');
      const current: CsInstruction = { id: 0, size: 0, mnemonic: '', opStr: '', inGroup: (group) => cs._cs_insn_group(handle, insn, group) !== 0 };
      while (cs._cs_disasm_iter(handle, state, state + 4, state + 8, insn)) {
        current.id = cs.getValue(insn, 'i32');
        current.size = cs.getValue(insn + INSN_SIZE, 'i16');
        current.mnemonic = cs.UTF8ToString(insn + INSN_MNEMONIC);
        current.opStr = cs.UTF8ToString(insn + INSN_OP_STR);
        if (!visit(current)) break;
      }
    } finally {
      cs._cs_free(insn, 1);
      cs._free(state);
      cs._free(code);
    }
  }

  /** Frees the handle; idempotent. */
  close(): void {
    if (this.handle === 0) return;
    const cell = this.cs._malloc(4);
    this.cs.setValue(cell, this.handle, '*');
    this.cs._cs_close(cell);
    this.cs._free(cell);
    this.handle = 0;
  }

  get closed(): boolean {
    return this.handle === 0;
  }
}

function check(cs: CapstoneModule, code: number, call: string): void {
  if (code !== 0) throw new Error(`capstone ${call} failed: ${cs.UTF8ToString(cs._cs_strerror(code))}`);
}
