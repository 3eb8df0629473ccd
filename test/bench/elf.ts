// ELF decoding of sqlite3.o in process (a fresh ElfFile each run: every section header,
// every symbol, every relocation), against the whole process of `readelf -sSrW` on the same
// file in the same run.
import { readFileSync } from 'node:fs';
import { ElfFile } from '../../src/elf/read.js';
import { sqlite3Object } from '../fixtures/corpus.js';
import { commandMs, figure, timeMs } from './measure.js';

export async function elf(): Promise<void> {
  const file = sqlite3Object().object;
  const bytes = readFileSync(file);
  let symbols = 0;
  let relocations = 0;
  const parseMs = timeMs(() => {
    const elfFile = ElfFile.read(bytes, file);
    symbols = 0;
    relocations = 0;
    for (const t of elfFile.symbolTables) symbols += elfFile.symbols(t).length;
    for (const s of elfFile.relocationSections) relocations += elfFile.relocations(s).length;
  }, 15);
  const readelfMs = commandMs('readelf', ['-sSrW', file]);
  console.log(`sqlite3.o: ${bytes.length} bytes, ${symbols} symbols, ${relocations} relocations`);
  figure('elf.sqlite3.parse_ms', parseMs, 'ms');
  figure('elf.sqlite3.readelf_ms', readelfMs, 'ms');
  figure('elf.sqlite3.readelf_ratio', parseMs / readelfMs, 'x');
}
