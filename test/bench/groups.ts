// One entry per benchmark group; each group lives in its own file.
import { check } from './check.js';
import { cli } from './cli.js';
import { gdb } from './debug.js';
import { demangle } from './demangle.js';
import { disasm } from './disasm.js';
import { dwarf } from './dwarf.js';
import { elf } from './elf.js';
import { executor } from './executor.js';
import { link } from './link.js';
import { live } from './live.js';
import { tui } from './tui.js';

export const groups: Record<string, () => Promise<void>> = { check, cli, demangle, disasm, dwarf, elf, executor, gdb, link, live, tui };
