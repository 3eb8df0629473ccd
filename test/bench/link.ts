// `npm run bench -- link`: jitdbg's in-process link of the sqlite driver and sqlite3.o (every
// relocation, debug sections included, through initializers) against llvm-jitlink-14 on the
// same objects in the same run. llvm-jitlink links nothing for sqlite3.o alone (no entry point
// pulls its definitions in), so both link the driver with it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JITSession } from '../../src/session.js';
import { root } from '../fixtures/corpus.js';
import { commandMs, figure, median, timeMs } from './measure.js';

const RUNS = 7;

/** llvm-jitlink's own "time to link object files" (wall, ms), median of RUNS runs. */
export function jitlinkLinkMs(objects: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('llvm-jitlink-14', ['-noexec', '-debugger-support', '-show-times', ...objects], { encoding: 'utf8' });
    const m = /([\d.]+) \(\s*[\d.]+%\)\s+time to link object files/.exec(r.stdout + r.stderr);
    if (r.status !== 0 || !m) throw new Error(`llvm-jitlink-14 failed (${r.status}): ${r.stderr.slice(0, 400)}`);
    times.push(Number(m[1]) * 1000);
  }
  return median(times);
}

/** The sqlite driver's objects: its main and sqlite3.o. */
export function sqliteDriverObjects(): string[] {
  const manifest = JSON.parse(readFileSync(join(root, '.cache', 'fixtures', 'manifest.json'), 'utf8'));
  return manifest.programs.find((p: { name: string }) => p.name === 'sqlite_driver').objects;
}

export async function link(): Promise<void> {
  const objects = sqliteDriverObjects();
  const ms = timeMs(() => {
    const inputs = objects.map((f) => ({ bytes: readFileSync(f), name: f }));
    const session = new JITSession();
    session.addObjects(inputs);
    session.dispose();
  }, RUNS);
  const jitlink = jitlinkLinkMs(objects);
  const jitlinkProcess = commandMs('llvm-jitlink-14', ['-noexec', ...objects], RUNS);
  figure('link.sqlite3.ms', ms, 'ms');
  figure('link.sqlite3.llvm_jitlink_ms', jitlink, 'ms');
  figure('link.sqlite3.llvm_jitlink_ratio', ms / jitlink, 'x');
  figure('link.sqlite3.llvm_jitlink_process_ms', jitlinkProcess, 'ms');
  figure('link.sqlite3.jitlink_ratio', ms / jitlinkProcess, 'x');
  figure('link.sqlite3.peak_rss_mb', process.resourceUsage().maxRSS / 1024, 'MB');
}
