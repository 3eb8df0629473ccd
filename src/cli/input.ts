/** Reading the files a command is given, with errors that name the file. */
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './errors.js';

/** Throws a UsageError naming `file` when it is missing, unreadable or not a regular file. */
export function checkFile(file: string, missingHint = ''): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file${missingHint}` : (e as Error).message, { file });
  }
  if (!isFile) throw new UsageError('is a directory, not a file', { file });
}

/** The bytes of an input file. */
export function readInput(file: string): Buffer {
  checkFile(file);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read: ${(e as Error).message}`, { file });
  }
}

/** A process id given to `--pid`, for `command`'s messages. */
export function parsePid(command: string, s: string | undefined): number {
  if (s === undefined || !/^\d+$/.test(s) || Number(s) === 0) throw new UsageError(`${command}: --pid needs a process id, got '${s ?? ''}'`);
  return Number(s);
}
