#!/usr/bin/env -S -u NODE_EXTRA_CA_CERTS node
// The line above starts node without NODE_EXTRA_CA_CERTS: when it is set, Node 20 initialises
// OpenSSL at start-up, which costs more (about 0.1 s) than most jitdbg commands take, and
// jitdbg makes no TLS connection.
import { JitdbgError } from '../binary/errors.js';
import { commands, usage } from './commands.js';
import { UsageError } from './errors.js';
import { stdout } from './output.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    stdout().write(await usage());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') {
    stdout().write('jitdbg 0.1.0\n');
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) throw new UsageError(`unknown command '${name}' (try 'jitdbg --help')`);
  return (await load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof JitdbgError || isInputError(err)) {
      process.stderr.write(`jitdbg: ${errorLine(err as Error)}\n`);
    } else {
      process.stderr.write(`jitdbg: internal error (a bug; please report it):\n${err instanceof Error ? err.stack : String(err)}\n`);
    }
    process.exitCode = 1;
  },
);

/** `FILE: message`, the file named once. */
function errorLine(err: Error): string {
  const e = err as Partial<JitdbgError> & NodeJS.ErrnoException;
  if (err instanceof JitdbgError) return err.message;
  return e.path ? `${e.path}: ${systemReason(e)}` : err.message;
}

/** The text of a file error without Node's "ENOENT: ..., open 'x'" wrapping. */
function systemReason(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EISDIR': return 'is a directory, not a file';
    case 'EACCES': return 'permission denied';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    default: return e.message;
  }
}

/** Errors of the user's environment (missing file, permissions) are input errors too. */
function isInputError(err: unknown): boolean {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && (err as NodeJS.ErrnoException).syscall !== undefined;
}
