#!/usr/bin/env node
import { FormatError } from '../binary/errors.js';
import { LinkError } from '../link/errors.js';
import { commands, usage } from './commands.js';
import { UsageError } from './errors.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version') {
    process.stdout.write('jitdbg 0.1.0\n');
    return 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command '${name}' (try 'jitdbg --help')`);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof FormatError || err instanceof LinkError || isInputError(err)) {
      const file = (err as { where?: { file?: string } }).where?.file;
      process.stderr.write(`jitdbg: ${file ? `${file}: ` : ''}${(err as Error).message}\n`);
    } else {
      process.stderr.write(`jitdbg: internal error (a bug; please report it):\n${err instanceof Error ? err.stack : String(err)}\n`);
    }
    process.exitCode = 1;
  },
);

/** Errors of the user's environment (missing file, permissions) are input errors too. */
function isInputError(err: unknown): boolean {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && (err as NodeJS.ErrnoException).syscall !== undefined;
}
