/**
 * Disassemblers over capstone for the machines jitdbg links and lists: x86-64 and AArch64.
 */
import type { CapstoneModule } from '@alexaltea/capstone-js';
import { EM_AARCH64, EM_X86_64, nameOf } from '../elf/consts.js';
import { capstone, CsHandle, type CsInstruction } from './capstone.js';
import { DisasmError } from './errors.js';
import type { Disassembler, Instruction, Syntax } from './types.js';

/** capstone's architecture and mode for each ELF e_machine. */
const MACHINES = new Map<number, (cs: CapstoneModule) => [arch: number, mode: number]>([
  [EM_X86_64, (cs) => [cs.ARCH_X86, cs.MODE_64]],
  [EM_AARCH64, (cs) => [cs.ARCH_ARM64, cs.MODE_ARM]],
]);

/** A direct branch's operand list ends with its target: `0x1009`, `5` (capstone prints up to 9 in decimal), `#0x1c`. */
const DIRECT_TARGET = /(?:^|, )#?(0x[0-9a-f]+|\d+)$/;

/**
 * A disassembler for ELF machine `machine` (EM_X86_64 or EM_AARCH64; any other throws a
 * DisasmError naming it). `syntax` applies to x86-64 only; AArch64 has one.
 */
export async function disassembler(machine: number, syntax: Syntax = 'att'): Promise<Disassembler> {
  const select = MACHINES.get(machine);
  if (!select) throw new DisasmError(`no disassembler for machine ${nameOf('EM_', machine) ?? 'e_machine'} (${machine}): only x86-64 and AArch64`);
  const cs = await capstone();
  const handle = new CsHandle(cs, ...select(cs));
  handle.option(cs.OPT_DETAIL, cs.OPT_ON); // for cs_insn_group
  // Bytes that do not decode become one-unit `.byte` entries (id 0) instead of ending the listing.
  handle.option(cs.OPT_SKIPDATA, cs.OPT_ON);
  if (machine === EM_X86_64) handle.option(cs.OPT_SYNTAX, syntax === 'att' ? cs.OPT_SYNTAX_ATT : cs.OPT_SYNTAX_INTEL);
  return new CapstoneDisassembler(handle);
}

class CapstoneDisassembler implements Disassembler {
  constructor(private readonly handle: CsHandle) {}

  decode(bytes: Uint8Array, address: bigint, max = Infinity): Instruction[] {
    if (this.handle.closed) throw new Error('Disassembler.decode called after close()');
    const out: Instruction[] = [];
    let offset = 0;
    if (max > 0 && bytes.length > 0) {
      this.handle.iterate(bytes, address, (insn) => {
        out.push(instruction(this.handle.cs, insn, bytes.subarray(offset, offset + insn.size), address + BigInt(offset)));
        offset += insn.size;
        return out.length < max;
      });
    }
    // Skipping covers whole units only: AArch64's last 1 to 3 bytes past a word are left over.
    if (offset < bytes.length && out.length < max) out.push(invalid(bytes.subarray(offset), address + BigInt(offset)));
    return out;
  }

  close(): void {
    this.handle.close();
  }
}

function instruction(cs: CapstoneModule, insn: CsInstruction, bytes: Uint8Array, address: bigint): Instruction {
  if (insn.id === 0) return invalid(bytes, address); // skipped data
  const kind = kindOf(cs, insn);
  const direct = kind === 'call' || kind === 'jump' ? DIRECT_TARGET.exec(insn.opStr) : null;
  const common = { address, size: insn.size, bytes, mnemonic: insn.mnemonic, operands: insn.opStr, kind };
  return direct ? { ...common, target: BigInt(direct[1]!) } : common;
}

function kindOf(cs: CapstoneModule, insn: CsInstruction): Instruction['kind'] {
  // Call before jump: capstone puts AArch64's blr in both groups.
  if (insn.inGroup(cs.GRP_CALL)) return 'call';
  if (insn.inGroup(cs.GRP_RET) || insn.inGroup(cs.GRP_IRET)) return 'return';
  // x86 loop, loope and loopne are only in the relative-branch group.
  if (insn.inGroup(cs.GRP_JUMP) || insn.inGroup(cs.GRP_BRANCH_RELATIVE)) return 'jump';
  return 'other';
}

/** Bytes that do not decode, written the way capstone writes skipped data: `.byte 0x0f, 0x0b`. */
function invalid(bytes: Uint8Array, address: bigint): Instruction {
  const operands = Array.from(bytes, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ');
  return { address, size: bytes.length, bytes, mnemonic: '.byte', operands, kind: 'invalid' };
}
