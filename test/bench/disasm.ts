// Disassembly of sqlite3VdbeExec, sqlite3.o's largest function (41 KB, 9,000 instructions):
// the first disassembler() of the process (capstone's wasm instantiated), the first decode
// (wasm and JavaScript not yet optimized), and the median of later ones; against the whole
// process of `objdump -d --disassemble=sqlite3VdbeExec` in the same run.
import { readFileSync } from 'node:fs';
import { disassembler } from '../../src/disasm/index.js';
import { ElfFile } from '../../src/elf/read.js';
import { EM_X86_64 } from '../../src/elf/consts.js';
import { sqlite3Object } from '../fixtures/corpus.js';
import { commandMs, figure, timeMs } from './measure.js';

const FUNCTION = 'sqlite3VdbeExec';

export async function disasm(): Promise<void> {
  const file = sqlite3Object().object;
  const elf = ElfFile.read(readFileSync(file), file);
  const symbol = elf.symbols(elf.section('.symtab')!).find((s) => s.name === FUNCTION)!;
  const start = Number(symbol.st_value);
  const bytes = elf.sectionData(elf.sections[symbol.st_shndx]!).subarray(start, start + Number(symbol.st_size));

  let t = performance.now();
  const d = await disassembler(EM_X86_64);
  const loadMs = performance.now() - t;
  t = performance.now();
  const count = d.decode(bytes, symbol.st_value).length;
  const firstMs = performance.now() - t;
  const decodeMs = timeMs(() => d.decode(bytes, symbol.st_value), 15);
  d.close();
  const objdumpMs = commandMs('objdump', ['-d', `--disassemble=${FUNCTION}`, file]);
  console.log(`${FUNCTION}: ${bytes.length} bytes, ${count} instructions`);
  figure('disasm.load_ms', loadMs, 'ms');
  figure('disasm.vdbeexec.first_decode_ms', firstMs, 'ms');
  figure('disasm.vdbeexec.decode_ms', decodeMs, 'ms');
  figure('disasm.vdbeexec.objdump_ms', objdumpMs, 'ms');
  figure('disasm.vdbeexec.objdump_ratio', decodeMs / objdumpMs, 'x');
}
