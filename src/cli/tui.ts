import type { Command } from './commands.js';
import { UsageError } from './errors.js';
import { readMapped } from '../native/mapped-file.js';
import { checkFile, parsePid } from './input.js';
import { stdout } from './output.js';

const USAGE = `usage: jitdbg tui FILE...
       jitdbg tui --pid PID

A terminal inspector over ELF files (objects, executables, shared libraries, dumped debug
images) or over the JIT modules a running process registered with GDB's JIT interface,
followed as it registers and unregisters them, without stopping it.

Views (Tab): Modules, Sections, Symbols, Disassembly, Lines, DIEs, Hex. Enter opens, Esc goes
back, / filters symbols, g goes to an address, ? lists every key, q quits. Colours follow
NO_COLOR. See docs/tui.md.

  --pid PID   the process to read (same user, or what ptrace access allows)
  -h, --help  this text
`;

export const tui: Command = {
  summary: 'inspect files or a live process in a terminal UI',
  async run(args: string[]): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      stdout().write(USAGE);
      return 0;
    }
    let pid: number | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--pid' || arg.startsWith('--pid=')) pid = parsePid('tui', arg.includes('=') ? arg.slice(6) : args[++i]);
      else if (arg.startsWith('-')) throw new UsageError(`tui: unknown option '${arg}' (try 'jitdbg tui --help')`);
      else files.push(arg);
    }
    if (pid !== undefined && files.length) throw new UsageError('tui: give FILEs or --pid PID, not both');
    if (pid === undefined && files.length === 0) throw new UsageError("tui: expected FILE... or --pid PID (try 'jitdbg tui --help')");
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new UsageError("tui: needs a terminal; for text, use 'jitdbg elf FILE' or 'jitdbg dwarf FILE' (or 'jitdbg jit list --pid PID')");
    }
    const input = pid !== undefined ? { pid } : {
      files: files.map((name) => {
        checkFile(name);
        return { name, bytes: readMapped(name) };
      }),
    };
    // ink and React load only for this command (a chunk of the bundle `npm run build` makes).
    const { runTui } = await import('../../tui/main.js');
    await runTui(input);
    return 0;
  },
};
