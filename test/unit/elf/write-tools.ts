// Reference tools run over what the writer produced: readelf, nm, gcc, gdb.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory removed when the process exits. */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `jitdbg-${prefix}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `bytes` to `dir/name` and returns the path. */
export function save(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * What `readelf -a -W` complains about: its stderr and the lines of its stdout that carry a
 * warning or an error. Empty when readelf finds nothing wrong.
 */
export function readelfComplaints(path: string, extra: string[] = []): string[] {
  const r = spawnSync('readelf', ['-a', '-W', ...extra, path], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  const complaints = r.stderr.split('\n').filter((l) => l.trim() !== '');
  // Symbol names such as sqlite3ErrorMsg appear in the tables: only readelf's own messages count.
  for (const line of r.stdout.split('\n')) if (/^\s*(readelf: )?(Warning|Error)\b/.test(line)) complaints.push(line);
  return complaints;
}

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Compiles a C program (linked with -ldl) into `dir`; returns the executable's path. */
export function compileC(dir: string, name: string, source: string): string {
  const exe = join(dir, name);
  writeFileSync(`${exe}.c`, source);
  run('gcc', ['-o', exe, `${exe}.c`, '-ldl']);
  return exe;
}
