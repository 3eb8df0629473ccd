/** One entry per CLI command; each lives in its own file. */
export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

/**
 * Each command's file, loaded only when that command runs: loading every one (the linker,
 * the session, koffi) takes longer than `jitdbg jit list` itself.
 */
export const commands: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check.js')).checkCommand,
  dwarf: async () => (await import('./dwarf.js')).dwarf,
  elf: async () => (await import('./elf.js')).elf,
  executor: async () => (await import('./executor.js')).executor,
  gdb: async () => (await import('./gdb.js')).gdb,
  jit: async () => (await import('./jit.js')).jit,
  lldb: async () => (await import('./lldb.js')).lldb,
  run: async () => (await import('./run.js')).run,
  tui: async () => (await import('./tui.js')).tui,
};

export async function usage(): Promise<string> {
  const rows = await Promise.all(Object.entries(commands).map(async ([n, load]) => `  ${n.padEnd(8)} ${(await load()).summary}`));
  return `usage: jitdbg <command> [options]\n\ncommands:\n${rows.join('\n')}\n\nRun 'jitdbg <command> --help' for a command's options.\n`;
}
