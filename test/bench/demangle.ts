// Demangling every symbol name of /usr/bin/node's .symtab (110,000; 81,000 C++) in process,
// against the whole process of c++filt over the same names in the same run.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { demangle as demangleNames } from '../../src/native/demangle.js';
import { ElfFile } from '../../src/elf/read.js';
import { figure, timeMs } from './measure.js';

export async function demangle(): Promise<void> {
  const elf = ElfFile.read(readFileSync('/usr/bin/node'), 'node');
  const names = elf.symbols(elf.section('.symtab')!).map((s) => s.name);
  const input = `${names.join('\n')}\n`;
  const ms = timeMs(() => demangleNames(names));
  const cxxfiltMs = timeMs(() => spawnSync('c++filt', { input, maxBuffer: 1 << 30 }), 3);
  console.log(`node: ${names.length} symbol names, ${names.filter((n) => n.startsWith('_Z')).length} mangled`);
  figure('demangle.node_ms', ms, 'ms');
  figure('demangle.node_cxxfilt_ms', cxxfiltMs, 'ms');
  figure('demangle.node_ratio', ms / cxxfiltMs, 'x');
}
