import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hex } from '../elf/describe.js';
import { summarize } from '../live/image.js';
import { readLists, readRegistrations, type LiveDescriptor } from '../live/index.js';
import { verify } from '../live/verify.js';
import type { Command } from './commands.js';
import { UsageError } from './errors.js';
import { parsePid } from './input.js';
import { stdout } from './output.js';

const USAGE = `usage: jitdbg jit list --pid PID [--json]
       jitdbg jit dump --pid PID DIR
       jitdbg jit verify --pid PID [--json]

Reads the code a running process registered with GDB's JIT interface, without stopping it
or attaching a debugger: every __jit_debug_descriptor of its executable and libraries, and
a consistent copy of each list (re-read while the process changes it).

  list        per descriptor, one row per jit_code_entry: index, entry and symfile address,
              size, name (the image's STT_FILE symbols), code range, number of functions
  dump        each image, byte for byte, as DIR/NN-name.elf
  verify      one line per problem (broken list, bad image, code not mapped executable,
              functions or DWARF ranges outside the code); exit status 1 when there is one
  --pid PID   the process to read (same user, or what ptrace access allows)
  --json      one JSON object (list and verify; shapes in docs/cli.md)
  -h, --help  this text
`;


export const jit: Command = {
  summary: "list, dump or verify a running process's JIT registrations",
  async run(args: string[]): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      stdout().write(USAGE);
      return 0;
    }
    const [action, ...rest] = args;
    let pid: number | undefined;
    let json = false;
    const operands: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      if (arg === '--pid' || arg.startsWith('--pid=')) pid = parsePid('jit', arg.includes('=') ? arg.slice(6) : rest[++i]);
      else if (arg === '--json' && action !== 'dump') json = true;
      else if (arg.startsWith('-')) throw new UsageError(`jit: unknown option '${arg}' (try 'jitdbg jit --help')`);
      else operands.push(arg);
    }
    if (action !== 'list' && action !== 'dump' && action !== 'verify') {
      throw new UsageError(`jit: expected list, dump or verify, got '${action ?? ''}' (try 'jitdbg jit --help')`);
    }
    if (pid === undefined) throw new UsageError(`jit ${action}: --pid PID is required`);
    if (operands.length !== (action === 'dump' ? 1 : 0)) {
      throw new UsageError(`jit ${action}: unexpected '${operands.join(' ')}'${action === 'dump' ? ' (expected one DIR)' : ''}`);
    }
    if (action === 'dump') return dump(readLists(pid), operands[0]!);
    if (action === 'list') return print(json ? `${JSON.stringify(listJson(pid, readLists(pid)))}\n` : listText(readLists(pid)));
    const problems = verify(readRegistrations(pid));
    await print(json ? `${JSON.stringify({ pid, problems })}\n` : problems.map((p) => `${p}\n`).join(''));
    return problems.length ? 1 : 0;
  },
};

async function print(text: string): Promise<number> {
  const out = stdout();
  if (!out.write(text)) await once(out, 'drain');
  return 0;
}

interface Row {
  index: number;
  entry: string;
  symfile: string;
  size: number;
  name: string;
  code: [string, string] | null;
  functions: number;
}

function rows(d: LiveDescriptor): Row[] {
  return d.entries.map((e) => {
    const s = summarize(e.image, `symfile ${hex(e.symfileAddr)}`);
    return {
      index: e.index,
      entry: hex(e.address),
      symfile: hex(e.symfileAddr),
      size: e.symfileSize,
      name: s.name || (s.elf instanceof Error ? '(not ELF)' : ''),
      code: s.code ? [hex(s.code[0]), hex(s.code[1])] : null,
      functions: s.functions.length,
    };
  });
}

function listJson(pid: number, ds: LiveDescriptor[]): object {
  return {
    pid,
    descriptors: ds.map((d) => ({ address: hex(d.address), object: d.object, version: d.version, actionFlag: d.actionFlag, entries: rows(d) })),
  };
}

function listText(ds: LiveDescriptor[]): string {
  return ds.map((d) => {
    const head = `descriptor ${hex(d.address)} in ${d.object}: version ${d.version}, action_flag ${d.actionFlag}, ${d.entries.length} entries\n`;
    const table = [['#', 'entry', 'symfile', 'size', 'name', 'code', 'functions'], ...rows(d).map((r) => [
      String(r.index), r.entry, r.symfile, String(r.size), r.name, r.code ? `${r.code[0]}-${r.code[1]}` : '', String(r.functions),
    ])];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    return head + table.map((row) => `  ${row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`).join('');
  }).join('\n');
}

/** Each image as DIR/NN-name.elf, numbered across descriptors in list order. */
async function dump(ds: LiveDescriptor[], dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const lines: string[] = [];
  let n = 0;
  for (const d of ds) {
    for (const e of d.entries) {
      const name = summarize(e.image, '').name.replace(/ \+\d+$/, '').replace(/^.*\//, '').replace(/[^\w.-]/g, '_') || 'image';
      const file = join(dir, `${String(n++).padStart(2, '0')}-${name}.elf`);
      writeFileSync(file, e.image);
      lines.push(`${file}: ${e.symfileSize} bytes from ${hex(e.symfileAddr)}\n`);
    }
  }
  return print(lines.join(''));
}
