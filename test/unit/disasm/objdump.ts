// The reference listings the disassembler is compared with: GNU objdump for x86-64,
// llvm-objdump-14 for AArch64 (binutils here has no AArch64 disassembler), and the code of an
// ELF file read with src/elf, cut where objdump starts decoding afresh: at each symbol.
import { execFileSync } from 'node:child_process';
import { ET_REL, SHF_EXECINSTR, SHN_LORESERVE, SHN_UNDEF, STT_FILE, STT_SECTION, type Disassembler, type ElfFile, type Instruction } from '../../../src/index.js';

export interface Listed {
  size: number;
  /** The mnemonic with the prefixes objdump writes before it (`rep stos`, `bnd jmp`, `data16 lea`). */
  mnemonic: string;
  operands: string;
  /** The address objdump shows for a direct branch (`call 1009 <foo>`), not one in a `#` comment. */
  target?: bigint;
}

/** Section name → address → instruction. */
export type Listing = Map<string, Map<bigint, Listed>>;

// Words GNU objdump writes before an x86 mnemonic for its prefixes.
const X86_PREFIX = /^(?:rep[a-z]*|lock|bnd|notrack|xacquire|xrelease|data16|data32|addr16|addr32|rex(?:\.[WRXB]+)?|[c-gs]s)$/;

/** `tool -d` of `file`, e.g. objdump with `--insn-width=15` so that no instruction wraps. */
export function objdump(tool: string, args: string[], file: string): Listing {
  const text = execFileSync(tool, ['-d', ...args, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const listing: Listing = new Map();
  let section: Map<bigint, Listed> | undefined;
  for (const line of text.split('\n')) {
    const header = /^Disassembly of section (\S+):$/.exec(line);
    if (header) listing.set(header[1]!, (section = new Map()));
    const m = /^\s*([0-9a-f]+):\s((?:[0-9a-f]{2} )+)\s*\t(.*)$/.exec(line);
    if (!m || !section) continue;
    const text = m[3]!.replace(/\s+(?:#|\/\/) .*$/, ''); // a comment: a RIP-relative operand's address
    const words = text.trim().split(/\s+/);
    let n = 1;
    while (n < words.length && X86_PREFIX.test(words[n - 1]!)) n++;
    const operands = words.slice(n).join(' ');
    const target = /(?:^|[ ,])(?:0x)?([0-9a-f]+) <[^>]*>$/.exec(operands)?.[1];
    section.set(BigInt(`0x${m[1]}`), {
      size: m[2]!.trim().split(' ').length,
      mnemonic: words.slice(0, n).join(' '),
      operands,
      ...(target !== undefined ? { target: BigInt(`0x${target}`) } : {}),
    });
  }
  return listing;
}

export interface Piece {
  /** The symbol it starts at, or the section's name. */
  name: string;
  section: string;
  address: bigint;
  bytes: Uint8Array;
}

/**
 * What objdump decodes separately, so that a listing is compared to its end: each executable
 * section from its start and from each symbol in it (.symtab's, or else .dynsym's) to the next;
 * padding between functions included.
 */
export function pieces(elf: ElfFile): Piece[] {
  const table = elf.section('.symtab') ?? elf.section('.dynsym')!;
  const symbols = elf.symbols(table).filter((s) => s.type !== STT_SECTION && s.type !== STT_FILE && s.st_shndx !== SHN_UNDEF && s.st_shndx < SHN_LORESERVE);
  return elf.sections.flatMap((section, index) => {
    if (!(Number(section.sh_flags) & SHF_EXECINSTR) || section.sh_size === 0) return []; // objdump lists no empty section
    // An object's symbol values are offsets in their section; a linked file's are addresses.
    const base = elf.header.e_type === ET_REL ? 0 : Number(section.sh_addr);
    const data = elf.sectionData(section);
    const names = new Map<number, string>();
    for (const s of symbols) if (s.st_shndx === index && !names.has(Number(s.st_value))) names.set(Number(s.st_value), s.name);
    if (!names.has(base)) names.set(base, section.name);
    const starts = [...names.keys()].sort((a, b) => a - b);
    return starts.map((start, i) => ({
      name: names.get(start)!,
      section: section.name,
      address: BigInt(start),
      bytes: data.subarray(start - base, (starts[i + 1] ?? base + data.length) - base),
    }));
  });
}

/** The kind of a branch, from objdump's mnemonic (a rule of its own, not capstone's groups). */
export type KindOf = (mnemonic: string) => Instruction['kind'];

export interface Comparison {
  instructions: number;
  /** One line per difference: where, objdump's, ours. */
  differences: string[];
}

/**
 * Decodes every piece and compares each instruction with objdump's at the same address:
 * size, mnemonic (`same` decides), kind (from `kindOf`) and, for a call or jump, the target
 * objdump shows (it also shows one for PC-relative operands of other instructions: AArch64 adrp).
 */
export function compare(disassembler: Disassembler, pieces: readonly Piece[], listing: Listing, same: (listed: Listed, ours: Instruction) => boolean, kindOf: KindOf): Comparison {
  const differences: string[] = [];
  let instructions = 0;
  for (const piece of pieces) {
    const section = listing.get(piece.section);
    if (!section) throw new Error(`objdump did not list section ${piece.section}`);
    for (const insn of disassembler.decode(piece.bytes, piece.address)) {
      instructions++;
      const listed = section.get(insn.address);
      const where = `${piece.name} ${piece.section}+0x${insn.address.toString(16)}`;
      const ours = `${insn.mnemonic} ${insn.operands} (${insn.kind}${insn.target !== undefined ? ` 0x${insn.target.toString(16)}` : ''})`;
      if (!listed) {
        differences.push(`${where}: objdump has no instruction here; ours: ${ours}`);
        continue;
      }
      const theirs = `${listed.mnemonic} ${listed.operands}`;
      const kind = kindOf(listed.mnemonic);
      const target = kind === 'call' || kind === 'jump' ? listed.target : undefined;
      if (listed.size !== insn.size || !same(listed, insn) || kind !== insn.kind || target !== insn.target) {
        differences.push(`${where}: objdump: ${theirs} (${listed.size} bytes); ours: ${ours} (${insn.size} bytes)`);
      }
    }
  }
  return { instructions, differences };
}

/**
 * Whether objdump's x86-64 mnemonic and capstone's name the same instruction. The differences allowed,
 * each one seen on this corpus:
 * - objdump writes prefixes that change nothing as words before the mnemonic: `data16` and
 *   `rex.W` (the padding of TLS sequences: `data16 lea`, `data16 data16 rex.W call`) and `cs`
 *   (ignored in 64-bit mode: `cs nopw`); capstone leaves them out or puts cs in the operand;
 * - capstone always writes the operand size (`movq`, `callq`, `rep stosq`) where objdump
 *   leaves it to a register operand (AT&T) or to the operand's `QWORD PTR` (Intel);
 * - 66 90 is objdump's `xchg %ax,%ax` and capstone's `nop`;
 * - capstone spells objdump's `fcomip` and `fucomip` (AT&T) `fcompi` and `fucompi`, and its
 *   `fwait` (9b) `wait`.
 */
export function sameX86Mnemonic(objdumpMnemonic: string, objdumpOperands: string, ours: string): boolean {
  let theirs = objdumpMnemonic.split(' ').filter((w) => !/^(?:data16|rex(?:\.[WRXB]+)?|cs)$/.test(w)).join(' ');
  if (theirs === 'xchg' && /^%?ax, ?%?ax$/.test(objdumpOperands)) theirs = 'nop';
  theirs = FP_SPELLING[theirs] ?? theirs;
  const m = ours;
  return m === theirs || (m.length === theirs.length + 1 && m.startsWith(theirs) && 'bwlq'.includes(m.at(-1)!));
}
const FP_SPELLING: Record<string, string> = { fcomip: 'fcompi', fucomip: 'fucompi', fwait: 'wait' };
