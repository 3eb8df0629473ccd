// A program using the JITSession API, for GDB to run or attach to (gdb-lifecycle.test.ts):
//   node jit-host.js dispose FACT.o UTIL.o   calls accumulate, disposes the fact module, calls accumulate again
//   node jit-host.js batch FACT.o UTIL.o     the same with both modules linked in one batch (one image)
//   node jit-host.js attach FACT.o           prints "ready <pid>", then calls fact(3) every 20 ms until killed
//   node jit-host.js corrupt FACT.o          loads FACT.o with its .debug_info unit header broken, calls fact(4)
//   node jit-host.js wait A.o -- B.o C.o     loads each batch (separated by --) as one addObjects call,
//                                            prints "ready <pid>", then waits until stdin closes
//   node jit-host.js steps                   prints "ready <pid>", then obeys stdin lines: "load FILE"
//                                            (answers "loaded N"), "dispose N" (answers "disposed N")
// It writes with writeSync: process.stdout would set O_NONBLOCK on the pipe it shares with GDB (src/cli/output.ts).
import { readFileSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import koffi from 'koffi';
import { JITSession } from '../../src/session.js';
import { brokenDebugInfo } from '../unit/debug/offline.js';

const PR_SET_PTRACER = 0x59616d61;
const PR_SET_PTRACER_ANY = -1; // (unsigned long)-1

/** Under Yama ptrace_scope 1, only an ancestor may attach, and GDB is not one: let any process. */
function allowAnyTracer(): void {
  koffi.load('libc.so.6').func('int prctl(int, long, long, long, long)')(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
}

const [mode, ...files] = process.argv.slice(2);
const session = new JITSession();
const load = (file: string, bytes: Uint8Array = readFileSync(file)) => session.addObject(bytes, file);

if (mode === 'dispose' || mode === 'batch') {
  const [fact] = mode === 'batch' ? session.addObjects(files.map((f) => ({ bytes: readFileSync(f), name: f }))) : files.map((f) => load(f));
  const accumulate = session.function('accumulate', 'long', ['long']);
  accumulate(1);
  fact!.dispose();
  accumulate(2);
  session.dispose();
} else if (mode === 'attach') {
  allowAnyTracer();
  load(files[0]!);
  const fact = session.function('fact', 'int', ['int']);
  writeSync(1, `ready ${process.pid}\n`);
  setInterval(() => fact(3), 20);
} else if (mode === 'wait') {
  allowAnyTracer();
  const batches: string[][] = [[]];
  for (const f of files) if (f === '--') batches.push([]); else batches.at(-1)!.push(f);
  for (const b of batches) session.addObjects(b.map((f) => ({ bytes: readFileSync(f), name: f })));
  writeSync(1, `ready ${process.pid}\n`);
  process.stdin.resume().on('end', () => session.dispose());
} else if (mode === 'steps') {
  const modules: ReturnType<typeof load>[] = [];
  writeSync(1, `ready ${process.pid}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    const [verb, arg] = line.split(' ') as [string, string];
    if (verb === 'load') writeSync(1, `loaded ${modules.push(load(arg)) - 1}\n`);
    else if (verb === 'dispose') {
      modules[Number(arg)]!.dispose();
      writeSync(1, `disposed ${arg}\n`);
    }
  }).on('close', () => session.dispose());
} else if (mode === 'corrupt') {
  load(files[0]!, brokenDebugInfo(readFileSync(files[0]!)));
  writeSync(1, `fact(4) = ${session.function('fact', 'int', ['int'])(4)}\n`);
  session.dispose();
}
