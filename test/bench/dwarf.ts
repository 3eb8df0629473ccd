// DWARF decoding of sqlite3.o in process, against llvm-dwarfdump-14's whole process on the same
// file in the same run: every row of every line program (--debug-line), and every DIE with
// every attribute value (--debug-info). Our times include reading the ELF file and applying
// the relocations of the debug sections.
import { readFileSync } from 'node:fs';
import { Dwarf } from '../../src/dwarf/dwarf.js';
import { debugSections } from '../../src/elf/debug-sections.js';
import { ElfFile } from '../../src/elf/read.js';
import { sqlite3Object } from '../fixtures/corpus.js';
import { commandMs, figure, timeMs } from './measure.js';

function open(bytes: Uint8Array, file: string): Dwarf {
  return new Dwarf(debugSections(ElfFile.read(bytes, file)), { file });
}

export async function dwarf(): Promise<void> {
  const file = sqlite3Object().object;
  const bytes = readFileSync(file);
  let rows = 0;
  const linesMs = timeMs(() => {
    rows = 0;
    for (const p of open(bytes, file).allLinePrograms()) p.run(() => { rows++; });
  });
  let values = 0;
  const infoMs = timeMs(() => {
    values = 0;
    for (const u of open(bytes, file).units()) {
      u.walk((die) => {
        if (die.isNull) return;
        for (let i = 0; i < die.abbrev.attrs.length; i++) { die.value(i); values++; }
      });
    }
  });
  const refLines = commandMs('llvm-dwarfdump-14', ['--debug-line', file]);
  const refInfo = commandMs('llvm-dwarfdump-14', ['--debug-info', file]);
  console.log(`sqlite3.o: ${rows} line rows, ${values} attribute values`);
  figure('dwarf.sqlite3.lines_ms', linesMs, 'ms');
  figure('dwarf.sqlite3.lines_dwarfdump_ms', refLines, 'ms');
  figure('dwarf.sqlite3.lines_ratio', linesMs / refLines, 'x');
  figure('dwarf.sqlite3.info_ms', infoMs, 'ms');
  figure('dwarf.sqlite3.info_dwarfdump_ms', refInfo, 'ms');
  figure('dwarf.sqlite3.info_ratio', infoMs / refInfo, 'x');
}
