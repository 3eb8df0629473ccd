// `npm run bench -- cli`: the commands as a user meets them: each run a fresh process, timed
// to its exit (the last byte written), median of RUNS, against the tool it stands in for run
// on the same file in the same run. jitdbg is started as its `bin` is (the file, through its
// `#!` line), so whatever that line gives node counts.
//   cli.elf.readelf_ratio            jitdbg elf --sections --symbols --relocs  / readelf -sSrW
//   cli.elf_json.readelf_ratio       jitdbg elf --json                         / readelf -sSrW
//   cli.dwarf_info.dwarfdump_ratio   jitdbg dwarf --info   / llvm-dwarfdump-14 --debug-info
//   cli.dwarf_lines.dwarfdump_ratio  jitdbg dwarf --lines  / llvm-dwarfdump-14 --debug-line
//   cli.run_sqlite.link_cold_ratio   `jitdbg run --timings` link-total in a fresh process / llvm-jitlink-14
//                                    -noexec -debugger-support's "time to link object files"
//   cli.run_sqlite.process_ratio     the whole `jitdbg run` / the whole llvm-jitlink-14 running it
//   cli.elf_node.rss_ratio           peak resident memory of `jitdbg elf /usr/bin/node` / its size
// sqlite3.o throughout, libc.so.6 and node for `elf` too. `node -e 0` is the floor under every
// jitdbg figure, printed first.
import { spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, sqlite3Object, systemFiles } from '../fixtures/corpus.js';
import { jitlinkLinkMs, sqliteDriverObjects } from './link.js';
import { commandMs, figure, median } from './measure.js';

const RUNS = 7;
const bin = join(root, 'dist', 'src', 'cli', 'main.js');
const jitdbgMs = (args: string[], status = 0): number => commandMs(bin, args, RUNS, status);

/** jitdbg's and the reference's times and their ratio, as three figures under `name`. */
function compare(name: string, reference: string, args: string[], ref: [string, string[]]): void {
  const ours = jitdbgMs(args);
  const theirs = commandMs(ref[0], ref[1], RUNS);
  figure(`${name}.jitdbg_ms`, ours, 'ms');
  figure(`${name}.${reference}_ms`, theirs, 'ms');
  figure(`${name}.${reference}_ratio`, ours / theirs, 'x');
}

/** Peak resident memory of a command, in MB (Python's getrusage of its children). */
function peakRssMb(cmd: string, args: string[]): number {
  const script = 'import resource, subprocess, sys\nsubprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\nprint(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)';
  const r = spawnSync('python3', ['-c', script, cmd, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr.slice(0, 400)}`);
  return Number(r.stdout.trim()) / 1024;
}

/** `jitdbg run --timings`'s link-total (ms) in fresh processes, median of RUNS. */
function coldLinkMs(objects: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(bin, ['run', '--timings', ...objects], { encoding: 'utf8' });
    const m = /timing link-total ([\d.]+)/.exec(r.stderr);
    if (!m) throw new Error(`jitdbg run --timings printed no link-total: ${r.stderr.slice(0, 400)}`);
    times.push(Number(m[1]));
  }
  return median(times);
}

export async function cli(): Promise<void> {
  // Node's start-up as jitdbg's bin line starts it, and with this environment's NODE_EXTRA_CA_CERTS.
  figure('cli.node_start_ms', commandMs('/usr/bin/env', ['-u', 'NODE_EXTRA_CA_CERTS', process.execPath, '-e', '0'], RUNS), 'ms');
  if (process.env['NODE_EXTRA_CA_CERTS']) figure('cli.node_start_extra_ca_ms', commandMs(process.execPath, ['-e', '0'], RUNS), 'ms');
  const sqlite3 = sqlite3Object().object;
  const [libc] = systemFiles().filter((f) => f.includes('libc.so'));
  const node = realpathSync(process.execPath);

  compare('cli.elf', 'readelf', ['elf', '--sections', '--symbols', '--relocs', sqlite3], ['readelf', ['-sSrW', sqlite3]]);
  for (const [label, file] of [['libc', libc!], ['node', node]] as const) {
    compare(`cli.elf.${label}`, 'readelf', ['elf', '--sections', '--symbols', '--relocs', file], ['readelf', ['-sSrW', file]]);
  }
  compare('cli.elf_json', 'readelf', ['elf', '--json', sqlite3], ['readelf', ['-sSrW', sqlite3]]);
  compare('cli.dwarf_info', 'dwarfdump', ['dwarf', '--info', sqlite3], ['llvm-dwarfdump-14', ['--debug-info', sqlite3]]);
  compare('cli.dwarf_lines', 'dwarfdump', ['dwarf', '--lines', sqlite3], ['llvm-dwarfdump-14', ['--debug-line', sqlite3]]);

  const objects = sqliteDriverObjects();
  const cold = coldLinkMs(objects);
  const jitlink = jitlinkLinkMs(objects);
  figure('cli.run_sqlite.link_cold_ms', cold, 'ms');
  figure('cli.run_sqlite.llvm_jitlink_link_ms', jitlink, 'ms');
  figure('cli.run_sqlite.link_cold_ratio', cold / jitlink, 'x');
  // The driver ends with status 1 under both, by design.
  const run = jitdbgMs(['run', ...objects], 1);
  const jitlinkRun = commandMs('llvm-jitlink-14', objects, RUNS, 1);
  figure('cli.run_sqlite.process_ms', run, 'ms');
  figure('cli.run_sqlite.llvm_jitlink_process_ms', jitlinkRun, 'ms');
  figure('cli.run_sqlite.process_ratio', run / jitlinkRun, 'x');

  const rss = peakRssMb(bin, ['elf', node]);
  figure('cli.elf_node.peak_rss_mb', rss, 'MB');
  figure('cli.elf_node.rss_ratio', rss / (statSync(node).size / 2 ** 20), 'x');
}
