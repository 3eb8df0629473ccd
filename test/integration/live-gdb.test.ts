// The GDB commands jitdbg list|dump|verify (gdb-scripts/jitdbg/) in GDB attached to the
// processes of live.test.ts, against `jitdbg jit list|dump|verify --pid` on the same process in
// the same state and GDB's own `maint info jit`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GDB_SCRIPT } from '../../src/check/gdb.js';
import { Dwarf } from '../../src/dwarf/dwarf.js';
import { DwarfQuery } from '../../src/dwarf/query.js';
import { ET_REL } from '../../src/elf/consts.js';
import { debugSections } from '../../src/elf/debug-sections.js';
import { FormatError } from '../../src/binary/errors.js';
import { summarize } from '../../src/live/image.js';
import { corpusObjects, manySectionsObject, systemFiles } from '../fixtures/corpus.js';
import { build, host, jitdbg, maintInfoJitRows, start, type JitRow, type Running } from './live-harness.js';

const built = build();
const running: Running[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'jitdbg-live-gdb-'));
after(async () => {
  await Promise.all(running.map((r) => r.stop()));
  rmSync(built.dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

async function launch(command: string, args: string[]): Promise<Running> {
  const r = await start(command, args);
  running.push(r);
  return r;
}

const MARK = '@@jitdbg-test@@';

/**
 * GDB in batch mode with `gdbArgs` (`-p PID`, a core file, or nothing), the commands loaded as
 * `jitdbg gdb` loads them, then `commands`: the stdout of each command, and stderr.
 */
function gdb(gdbArgs: string[], commands: string[]): { outputs: string[]; stderr: string } {
  const ex = ['set debuginfod enabled off', `source ${GDB_SCRIPT}`, ...commands.flatMap((c) => [`echo ${MARK}\\n`, c]), `echo ${MARK}\\n`];
  const r = spawnSync('gdb', ['-nx', '-batch', ...gdbArgs, ...ex.flatMap((c) => ['-ex', c])], { encoding: 'utf8', maxBuffer: 1 << 28 });
  // What GDB prints attaching comes before the first mark; detaching, after the last.
  return { outputs: r.stdout.split(`${MARK}\n`).slice(1, -1), stderr: r.stderr };
}

function cli(...args: string[]): string {
  const r = jitdbg('jit', ...args);
  assert.equal(r.stderr, '');
  return r.stdout;
}

/** The entry, symfile and size columns of `jitdbg list`. */
function listedRows(list: string): JitRow[] {
  return [...list.matchAll(/^ {2}\d+ +0x([0-9a-f]+) +0x([0-9a-f]+) +(\d+) /gm)].map((m) => ({ entry: parseInt(m[1]!, 16), symfile: parseInt(m[2]!, 16), size: Number(m[3]) }));
}

const sorted = (rows: JitRow[]): JitRow[] => [...rows].sort((a, b) => a.entry - b.entry);

/** The error of the last command: GDB attaching may say first that it has no source for the frame it stopped in. */
const lastLine = (text: string): string => /[^\n]*\n$/.exec(text)?.[0] ?? text;

/**
 * jitdbg list, dump and verify in GDB attached to `pid` print what the CLI prints and write the
 * files it writes; the rows are GDB's. Returns the GDB list and verify outputs.
 */
function assertAsCli(pid: number, name: string): { list: string; verify: string } {
  const dir = join(scratch, name);
  const [cliDir, gdbDir] = [join(dir, 'cli'), join(dir, 'gdb')];
  const list = cli('list', '--pid', String(pid));
  const problems = jitdbg('jit', 'verify', '--pid', String(pid)).stdout;
  const dumped = cli('dump', '--pid', String(pid), cliDir);
  const g = gdb(['-p', String(pid)], ['maint info jit', 'jitdbg list', `jitdbg dump ${gdbDir}`, 'jitdbg verify']);
  assert.equal(g.outputs.length, 4, g.stderr);
  const [maint, gdbList, gdbDump, gdbVerify] = g.outputs as [string, string, string, string];
  assert.equal(gdbList, list, 'jitdbg list prints what jitdbg jit list --pid prints');
  assert.deepEqual(sorted(listedRows(gdbList)), sorted(maintInfoJitRows(maint)), "entry, symfile and size are GDB's maint info jit rows");
  assert.ok(listedRows(gdbList).length > 0);
  assert.equal(gdbDump, dumped.replaceAll(cliDir, gdbDir), 'one line per file, as the CLI names them');
  const files = readdirSync(cliDir).sort();
  assert.deepEqual(readdirSync(gdbDir).sort(), files);
  for (const f of files) assert.ok(readFileSync(join(gdbDir, f)).equals(readFileSync(join(cliDir, f))), `${f} is byte-identical`);
  assert.ok(gdbVerify.startsWith(problems), `the CLI's problem lines first:\n${problems}\n${gdbVerify}`);
  return { list: gdbList, verify: gdbVerify.slice(problems.length) };
}

test('an API process with three modules in two batches: list, dump and verify in GDB as the CLI', async () => {
  const [alpha, beta, delta] = built.modules as [string, string, string];
  const p = await launch(process.execPath, [host, 'wait', alpha, '--', beta, delta]);
  const r = assertAsCli(p.pid, 'api');
  assert.match(r.list, /^descriptor 0x[0-9a-f]+ in \/\S+\/libjitdbg-jit-[0-9a-f]+\.so: version 1, action_flag 0, 2 entries\n/);
  assert.equal(r.verify, 'jitdbg verify: no problems in 1 descriptor, 2 entries\n');
});

test('a C program with two JIT libraries: both descriptors, in the CLI\'s order; raw objects fail verify the same way', async () => {
  const [alpha, beta, delta] = built.modules as [string, string, string];
  const p = await launch(built.cHost, ['two', built.libA, built.libB, alpha, beta, delta]);
  const r = assertAsCli(p.pid, 'two');
  assert.deepEqual([...r.list.matchAll(/^descriptor \S+ in (\S+): .*, (\d+) entries$/gm)].map((m) => [m[1], m[2]]).sort(), [[built.libA, '1'], [built.libB, '2']]);
  assert.equal(r.verify, 'jitdbg verify: 3 problems in 2 descriptors, 3 entries\n');
});

test('llvm-jitlink-14 -debugger-support: its relocatable object, DWARF relocated at sh_addr, passes verify', async () => {
  const p = await launch('llvm-jitlink-14', ['-debugger-support', built.waiter]);
  const r = assertAsCli(p.pid, 'llvm');
  assert.match(r.list, /^ {2}0 .* waiter\.c +0x[0-9a-f]+-0x[0-9a-f]+ +2$/m);
  assert.equal(r.verify, 'jitdbg verify: no problems in 1 descriptor, 1 entry\n');
});

test("a descriptor in the executable's own .symtab, PIE and fixed-address: found at its load bias", async () => {
  for (const exe of [built.selfHosts.pie, built.selfHosts.fixed]) {
    const p = await launch(exe, built.modules.slice(0, 2));
    assert.match(assertAsCli(p.pid, exe.replace(/.*\//, '')).list, new RegExp(`^descriptor 0x[0-9a-f]+ in ${exe}: `));
    await p.stop();
  }
});

test('a core file: the same list as the live process; verify says what it cannot check', async () => {
  const [alpha, beta, delta] = built.modules as [string, string, string];
  const p = await launch(built.cHost, ['two', built.libA, built.libB, alpha, beta, delta]);
  const core = join(scratch, 'two.core');
  assert.equal(spawnSync('gdb', ['-nx', '-batch', '-p', String(p.pid), '-ex', `gcore ${core}`]).status, 0);
  const g = gdb([built.cHost, core], ['jitdbg list', 'jitdbg verify']);
  assert.equal(g.outputs[0], cli('list', '--pid', String(p.pid)));
  assert.equal(g.outputs[1], [
    'jitdbg verify: the mappings have no permissions (a core file?): code not checked for being mapped executable',
    'jitdbg verify: no problems in 2 descriptors, 3 entries',
  ].map((l) => `${l}\n`).join(''));
});

test('lists broken from GDB (set var): verify names each problem as the CLI then does, list fails in one line as the CLI', async () => {
  const [alpha, beta, delta] = built.modules as [string, string, string];
  const p = await launch(built.cHost, ['two', built.libA, built.libB, alpha, beta, delta]);
  const entries = (lib: string) => listedRows(cli('list', '--pid', String(p.pid)).split('\n\n').find((d) => d.includes(` in ${lib}:`))!).map((r) => r.entry);
  const [a0] = entries(built.libA) as [number];
  const [b0, b1] = entries(built.libB) as [number, number];
  // Fields of struct jit_code_entry: next_entry at 0, prev_entry at 8. GDB itself would loop
  // forever on a cycle once it read the list again; it reads it only when the program registers.
  const set = (address: number, value: number) => `set var *(unsigned long *) ${address} = ${value}`;
  const rounds = [
    { writes: [set(a0, 0x10), set(b1, b0)], problems: ['unreadable jit_code_entry at 0x10 (32 bytes at 0x10)', `jit_code_entry 0x${b0.toString(16)} appears twice: the list has a cycle`] },
    { writes: [set(b1, 0), set(b1 + 8, 0x10)], problems: ['unreadable jit_code_entry at 0x10 (32 bytes at 0x10)', `jit_code_entry 0x${b1.toString(16)}: prev_entry is 0x10, not 0x${b0.toString(16)}`] },
  ];
  for (const { writes, problems } of rounds) {
    const g = gdb(['-p', String(p.pid)], [...writes, 'jitdbg verify', 'jitdbg list']);
    const verify = g.outputs[writes.length]!;
    const lines = verify.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, -1).map((l) => l.replace(/^descriptor 0x[0-9a-f]+ \(\S+\): /, '')).sort(), [...problems].sort());
    assert.equal(lines.at(-1), `jitdbg verify: ${problems.length} problems in 2 descriptors, 0 entries`);
    // GDB has detached, leaving the lists as it wrote them: the CLI reads the same.
    assert.equal(verify, `${jitdbg('jit', 'verify', '--pid', String(p.pid)).stdout}${lines.at(-1)}\n`);
    assert.equal(g.outputs[writes.length + 1], '');
    assert.equal(lastLine(g.stderr), jitdbg('jit', 'list', '--pid', String(p.pid)).stderr.replace(/^jitdbg: /, 'jitdbg list: '));
  }
});

test('help jitdbg and its subcommands; wrong arguments, no process, no descriptor: one line each', async () => {
  const help = gdb([], ['jitdbg', 'help jitdbg', 'help jitdbg list', 'help jitdbg dump', 'help jitdbg verify']);
  const [bare, prefix, list, dump, verify] = help.outputs as [string, string, string, string, string];
  assert.equal(bare, prefix, 'jitdbg alone is its help');
  assert.match(prefix, /^Inspect what the program registered through GDB's JIT interface\.\n/);
  for (const line of ['jitdbg dump -- Write each registered image to a directory: jitdbg dump DIR.', 'jitdbg list -- List the images registered through GDB\'s JIT interface: jitdbg list.', 'jitdbg verify -- Check the JIT registrations: jitdbg verify.']) {
    assert.ok(prefix.includes(`\n${line}\n`), line);
  }
  assert.match(list, /`descriptor ADDR in OBJECT: version V, action_flag A, N entries`/);
  assert.match(dump, /as DIR\/NN-name\.elf/);
  assert.match(verify, /DW_AT_low_pc\/high_pc or DW_AT_ranges/);
  const errors: [string, string][] = [
    ['jitdbg list all', "jitdbg list: unexpected 'all' (it takes no arguments)"],
    ['jitdbg verify -v', "jitdbg verify: unexpected '-v' (it takes no arguments)"],
    ['jitdbg dump', 'jitdbg dump: expected one DIR, got none'],
    ['jitdbg dump a b', "jitdbg dump: expected one DIR, got 'a b'"],
    ['jitdbg show', "jitdbg: expected list, dump or verify, got 'show' (help jitdbg)"],
    ['jitdbg list', 'jitdbg list: no process (run the program, attach to one or load a core file)'],
  ];
  for (const [command, error] of errors) {
    const r = gdb([], [command]);
    assert.deepEqual([r.outputs, r.stderr], [[''], `${error}\n`], command);
  }
  const sleeper = await launch('sh', ['-c', 'echo ready $$; exec cat']);
  const none = gdb(['-p', String(sleeper.pid)], ['jitdbg verify']);
  assert.equal(lastLine(none.stderr), `jitdbg verify: process ${sleeper.pid} has no __jit_debug_descriptor: no mapped object defines one\n`);
});

test("the package reads images as src/ does: each file's summary and DWARF compile unit ranges", () => {
  const files = [...corpusObjects().map((o) => o.object), manySectionsObject(), ...systemFiles(), ...built.modules, built.waiter, built.libA, built.cHost,
    built.selfHosts.pie, built.selfHosts.fixed, GDB_SCRIPT];
  const ours = files.map((f) => {
    const s = summarize(readFileSync(f), f);
    if (s.elf instanceof FormatError) return [f, '(not ELF)'];
    const dwarf = new Dwarf(debugSections(s.elf, s.elf.header.e_type === ET_REL), { file: f });
    const q = new DwarfQuery(dwarf);
    const units = dwarf.sections.has('.debug_info') ? dwarf.units().flatMap((u) => q.unitRanges(u).map((r) => [u.offset, r.begin, r.end])) : [];
    return [f, s.name, s.code ?? null, s.functions.length, s.codeSections.map((c) => c.name), units];
  });
  const script = join(scratch, 'summaries.py');
  writeFileSync(script, [
    'import json',
    'from jitdbg import dwarf, elf, image',
    `for f in ${JSON.stringify(files)}:`,
    '    s = image.summarize(open(f, "rb").read())',
    '    if isinstance(s.elf, elf.FormatError):',
    '        print(json.dumps([f, "(not ELF)"]))',
    '    else:',
    '        print(json.dumps([f, s.name, s.code, len(s.functions), [c.name for c in s.code_sections], dwarf.unit_ranges(s.elf)]))',
  ].join('\n'));
  const g = gdb([], [`source ${script}`]);
  assert.equal(g.stderr, '');
  assert.deepEqual(g.outputs[0]!.trimEnd().split('\n').map((l) => JSON.parse(l)), ours);
});
