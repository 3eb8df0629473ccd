/** One entry per CLI command; each lives in its own file. */
export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

import { dwarf } from './dwarf.js';
import { elf } from './elf.js';
import { gdb } from './gdb.js';
import { jit } from './jit.js';
import { run } from './run.js';

export const commands: Record<string, Command> = { dwarf, elf, gdb, jit, run };

export function usage(): string {
  const rows = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(8)} ${c.summary}`);
  return `usage: jitdbg <command> [options]\n\ncommands:\n${rows.join('\n')}\n\nRun 'jitdbg <command> --help' for a command's options.\n`;
}
