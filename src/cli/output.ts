import { writeSync } from 'node:fs';
/**
 * Standard output, taken only by the commands that write to it. Node sets O_NONBLOCK on a pipe
 * when process.stdout is first used, and the flag belongs to the pipe's open file description,
 * which a process shares with its parent: under GDB/MI that is GDB's own MI channel, and GDB,
 * getting EAGAIN, loses its records (the inferior stops and GDB never says so). `jitdbg run`
 * therefore never touches process.stdout (the JIT'd code writes through C stdio), and the
 * commands that print take it here.
 */
let taken = false;

export function stdout(): NodeJS.WriteStream {
  if (!taken) {
    taken = true;
    // A reader that goes away (`jitdbg elf FILE | head`) ends the output, as SIGPIPE ends
    // readelf: quietly, with the status a shell shows for that (128 + SIGPIPE).
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(141);
    });
  }
  return process.stdout;
}

/**
 * Writes a whole listing to standard output in as few write(2) calls as the reader takes,
 * without a stream: the listings are built as bytes (TextWriter) and would otherwise be
 * copied into stream chunks. EAGAIN (a descriptor another process made non-blocking) waits
 * a millisecond and retries; EPIPE ends the process as stdout() does.
 */
export function writeStdout(bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(1, bytes, at, bytes.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(141);
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
const pause = new Int32Array(new SharedArrayBuffer(4));
