// `npm run bench -- live`: `jitdbg jit list --pid` (a whole fresh process) against GDB attaching
// to list the same registrations (`gdb -p PID -batch -ex 'maint info jit'`), on one process
// with 1,000 registered entries, in the same run.
//   live.list1000.gdb_ratio   jitdbg's median wall time over GDB's
import { rmSync } from 'node:fs';
import { build, cli, start } from '../integration/live-harness.js';
import { commandMs, figure } from './measure.js';

const ENTRIES = 1000;

export async function live(): Promise<void> {
  const built = build();
  const p = await start(built.cHost, ['many', built.libA, String(ENTRIES), built.modules[0]!]);
  try {
    const jitdbg = commandMs(process.execPath, [cli, 'jit', 'list', '--pid', String(p.pid)], 7);
    const gdb = commandMs('gdb', ['-nx', '-batch', '-p', String(p.pid), '-ex', 'set debuginfod enabled off', '-ex', 'maint info jit'], 3);
    figure('live.list1000.jitdbg_ms', jitdbg, 'ms');
    figure('live.list1000.gdb_ms', gdb, 'ms');
    figure('live.list1000.gdb_ratio', jitdbg / gdb, 'x');
  } finally {
    await p.stop();
    rmSync(built.dir, { recursive: true, force: true });
  }
}
