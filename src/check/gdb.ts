/**
 * The Debugger of src/check/debugger.ts over GDB/MI: GDB runs the natively linked executable,
 * or Node running `jitdbg run` on the same objects. Both are set up alike (the settings and
 * script `jitdbg gdb` uses) and stop first at the entry with an internal breakpoint
 * (gdb-scripts/jitdbg/check.py), so a test sees the same numbering, frames and values in both;
 * only the host's frames below the JIT'd entry are cut. Frames and values come from MI's own
 * commands, not Python: a step costs little more than GDB's own `step`. Every wait is bounded
 * by the run's deadline and step budget.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MiError, MiSession, quoteCString, toMiFrame, type MiFrame, type MiTuple } from '../mi/index.js';
import { text, tuple } from '../mi/frame.js';
import { BudgetExceeded, CommandError, StartFailed, type BreakLocation, type StartOptions, type Debugger, type Evaluation, type Frame, type Stop, type StopReason } from './debugger.js';

/** The script that loads the package's GDB commands (gdb-scripts/jitdbg/), for `jitdbg gdb` too. */
export const GDB_SCRIPT = fileURLToPath(new URL('../../../gdb-scripts/jitdbg.py', import.meta.url));
/** The CLI that runs the objects under the JIT. */
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** GDB set up as `jitdbg gdb` sets it up: quiet about Node's threads, pending breakpoints, jitdbg's script. */
export const SETUP = [
  'set debuginfod enabled off',
  'set print thread-events off',
  'set breakpoint pending on',
  'set confirm off',
  'set width 0',
  'set height 0',
  `source ${GDB_SCRIPT}`,
];

export interface GdbDebuggerOptions {
  mode: 'native' | 'jit';
  /** native: the executable alone; jit: the objects `jitdbg run` links. */
  program: string[];
  args: string[];
  /** The test's source files, absolute. */
  sources: string[];
  /** Where the program runs; its stdout and stderr go to `output`, its stdin is /dev/null. */
  cwd: string;
  output: string;
  /** When the run must end (Date.now() milliseconds). */
  deadline: number;
  maxSteps: number;
  gdb?: string;
  entry?: string;
}

const STOP_REASONS: Record<string, StopReason> = {
  'breakpoint-hit': 'breakpoint',
  'end-stepping-range': 'step',
  'function-finished': 'finish',
  'signal-received': 'signal',
  'exited-normally': 'exited',
  exited: 'exited',
  'exited-signalled': 'signalled',
};

export class GdbDebugger implements Debugger {
  readonly sources: readonly string[];
  resumptions = 0;
  ended = false;
  private frameCache: Frame[] | undefined;
  private readonly types = new Map<string, string | undefined>();
  /** Where names resolve, per function: jitdbg-scope's answers. */
  private readonly scopes = new Map<string, string>();
  /** How deep the entry was at the last stop: where the next frames() starts looking. */
  private depth = 8;
  /** The thread of the last stop, for commands on a frame other than 0. */
  private thread = '1';

  private constructor(private readonly mi: MiSession, private readonly o: GdbDebuggerOptions) {
    this.sources = o.sources;
  }

  /** Starts GDB on the program, set up but not yet running. */
  static async open(o: GdbDebuggerOptions): Promise<GdbDebugger> {
    const [exe, ...args] = o.mode === 'native' ? [o.program[0]!, ...o.args] : [process.execPath, CLI, 'run', ...o.program, '--', ...o.args];
    const mi = await MiSession.start({ gdb: o.gdb, args: [exe!], cwd: o.cwd, timeoutMs: remaining(o.deadline) });
    const d = new GdbDebugger(mi, o);
    try {
      // MI lists frames without the frame filters (no Python per frame): frames() cuts the host's itself.
      for (const c of SETUP) await d.console(c);
      await d.console(`set args ${[...args.map(shellQuote), '<', '/dev/null', '>', shellQuote(o.output), '2>&1'].join(' ')}`);
    } catch (e) {
      await mi.close();
      throw e;
    }
    return d;
  }

  async start(options: StartOptions = {}): Promise<Stop> {
    const entry = `${options.beforePrologue ? '*' : ''}${this.o.entry ?? 'main'}`;
    if (this.o.mode === 'jit') await this.console(`jitdbg-entry ${entry}`);
    else await this.console(`python gdb.Breakpoint(${JSON.stringify(entry)}, internal=True, temporary=True)`);
    const stop = await this.resume('-exec-run');
    if (this.ended) {
      const said = readFileSync(this.o.output, 'utf8').trim().split('\n').slice(-3).join(' | ');
      throw new StartFailed(`the program ended (${stop.signal ?? `exit status ${stop.exitCode}`}) before reaching ${this.o.entry ?? 'main'}${said ? `; it printed: ${said}` : ''}`);
    }
    return stop;
  }

  async breakAt(where: BreakLocation, condition?: string): Promise<number> {
    const location = 'function' in where ? where.function : `${where.file}:${where.line}`;
    const cond = condition ? `-c ${quoteCString(condition)} ` : '';
    const r = await this.command(`-break-insert -f ${cond}${quoteCString(location)}`);
    const bkpt = r.results.bkpt as MiTuple | undefined;
    return Number(bkpt?.number);
  }

  async deleteBreakpoint(id: number): Promise<void> {
    await this.command(`-break-delete ${id}`);
  }

  continue(): Promise<Stop> {
    return this.resume('-exec-continue');
  }

  step(): Promise<Stop> {
    return this.resume('-exec-step');
  }

  next(): Promise<Stop> {
    return this.resume('-exec-next');
  }

  async stepOut(): Promise<Stop> {
    // GDB refuses finish in the outermost frame; there is nothing to return to but the exit.
    return this.resume((await this.frames()).length > 1 ? '-exec-finish' : '-exec-continue');
  }

  async frames(): Promise<Frame[]> {
    if (this.ended) return [];
    if (!this.frameCache) {
      // The program's outermost frame is its entry, as GDB ends a native backtrace at main;
      // under the JIT the frames below it are Node's, dozens of them: unwind only as deep as needed.
      // A step changes the depth by a frame or so: ask for two more than last time, then widen.
      let stack: MiFrame[] = [];
      let entry = -1;
      for (let depth = this.depth + 2; entry < 0; depth *= 8) {
        stack = ((await this.command(`-stack-list-frames 0 ${depth - 1}`)).results.stack as MiTuple[]).map((f) => toMiFrame(tuple(f.frame) ?? f));
        entry = stack.findIndex((f) => f.func === (this.o.entry ?? 'main'));
        if (stack.length < depth) break;
      }
      if (entry >= 0) this.depth = entry + 1;
      // Without the entry on the main thread's stack, the program has returned (or not begun).
      const program = entry >= 0 ? stack.slice(0, entry + 1) : this.thread === '1' ? [] : stack;
      this.frameCache = program.map((f) => ({ function: f.func, file: f.fullname, line: f.line, address: f.addr }));
    }
    return this.frameCache.map((f) => ({ ...f }));
  }

  async evaluate(expression: string, frame = 0): Promise<Evaluation> {
    const none = { expression, value: undefined, type: undefined, optimizedOut: false, irretrievable: false };
    if (this.ended) return { ...none, error: 'the program has ended' };
    const where = frame > 0 ? `--thread ${this.thread} --frame ${frame} ` : '';
    const oneLine = expression.replace(/\s*\n\s*/g, ' ');
    // Names and types are looked up once per function: they do not change within its scope.
    const f = (await this.frames())[frame];
    const scope = `${f?.function}\0${f?.file}\0`;
    const foreign = await this.outsideName(oneLine, where, scope);
    if (foreign !== undefined) return { ...none, error: `No symbol "${foreign}" in current context.` };
    let value: string;
    try {
      value = text((await this.command(`-data-evaluate-expression ${where}${quoteCString(oneLine)}`)).results.value) ?? '';
    } catch (e) {
      if (!(e instanceof MiError && e.kind === 'gdb')) throw budget(e, this.o.deadline);
      const m = e.gdbMessage;
      return { ...none, error: m, optimizedOut: /optimized out/.test(m), irretrievable: /Cannot access memory|not available/.test(m) };
    }
    return {
      expression,
      value,
      type: await this.typeOf(oneLine, where, scope),
      optimizedOut: value === '<optimized out>',
      irretrievable: /<unavailable>|<error: /.test(value),
    };
  }

  /**
   * The first name in `expression` that resolves outside the program (gdb-scripts/jitdbg/check.py
   * jitdbg-scope), once per name and `scope`. Node's process holds far more debug information
   * than the native program's (libm's statics `a` and `b`...): a name the program does not define
   * must read "No symbol" under the JIT as it does natively.
   */
  private async outsideName(expression: string, where: string, scope: string): Promise<string | undefined> {
    const names = [...new Set(identifiers(expression))];
    const unknown = names.filter((n) => !this.scopes.has(scope + n));
    if (unknown.length > 0) {
      const said = await this.console(`jitdbg-scope ${unknown.join(' ')}`, where);
      const found = JSON.parse(said.trim().split('\n').pop() ?? '{}') as Record<string, string>;
      for (const n of unknown) this.scopes.set(scope + n, found[n] ?? 'none');
    }
    return names.find((n) => this.scopes.get(scope + n) === 'outside');
  }

  /** `whatis`, once per expression and `scope`. */
  private async typeOf(expression: string, where: string, scope: string): Promise<string | undefined> {
    const key = scope + expression;
    if (!this.types.has(key)) {
      let type: string | undefined;
      try {
        const said = await this.console(`whatis ${expression}`, where);
        type = /^type = (.*)$/m.exec(said)?.[1];
      } catch (e) {
        if (!(e instanceof MiError && e.kind === 'gdb')) throw budget(e, this.o.deadline);
      }
      this.types.set(key, type);
    }
    return this.types.get(key);
  }

  async cli(command: string): Promise<string> {
    const run = /^\s*(r|run)\s*$/.test(command);
    try {
      const r = await this.command(`-interpreter-exec console ${quoteCString(run ? 'continue' : command)}`);
      if (r.class !== 'running') return r.console;
      this.count();
      const stop = await this.mi.waitForStop({ timeoutMs: remaining(this.o.deadline) });
      this.onStop(stop.reason);
      const said = withoutTerminalChatter(r.console + stop.console);
      // Node's own threads make GDB name the thread of every stop; the program's main thread is
      // Node's first, and a native single-threaded program's stops are not named.
      return this.o.mode === 'jit' ? said.replace(/^Thread 1 "[^"\n]*" hit /gm, '') : said;
    } catch (e) {
      if (e instanceof MiError && e.kind === 'gdb') throw new CommandError(e.gdbMessage);
      throw budget(e, this.o.deadline);
    }
  }

  /** Ends GDB and every process it started. */
  close(): Promise<void> {
    return this.mi.close();
  }

  private async resume(command: string): Promise<Stop> {
    this.count();
    try {
      await this.command(command);
      const stop = await this.mi.waitForStop({ timeoutMs: remaining(this.o.deadline) });
      const reason = this.onStop(stop.reason);
      if (typeof stop.results['thread-id'] === 'string') this.thread = stop.results['thread-id'];
      const frame = stop.frame;
      const bkptno = stop.results.bkptno;
      return {
        reason,
        breakpoints: typeof bkptno === 'string' && Number(bkptno) > 0 ? [Number(bkptno)] : [],
        ...(reason === 'exited' ? { exitCode: parseInt(String(stop.results['exit-code'] ?? '0'), 8) } : {}),
        ...(typeof stop.results['signal-name'] === 'string' ? { signal: stop.results['signal-name'] } : {}),
        frame: frame && { function: frame.func, file: frame.fullname, line: frame.line, address: frame.addr },
      };
    } catch (e) {
      throw budget(e, this.o.deadline);
    }
  }

  private count(): void {
    if (this.ended) throw new BudgetExceeded('the program has ended');
    if (++this.resumptions > this.o.maxSteps) throw new BudgetExceeded(`maximum number of steps reached (${this.o.maxSteps})`);
  }

  private onStop(mi: string | undefined): StopReason {
    this.frameCache = undefined;
    const reason = STOP_REASONS[mi ?? ''] ?? 'other';
    if (reason === 'exited' || reason === 'signalled') this.ended = true;
    return reason;
  }

  /** A CLI command's output; `where` (`--thread N --frame M `) runs it in another frame. */
  private async console(command: string, where = ''): Promise<string> {
    return (await this.command(`-interpreter-exec ${where}console ${quoteCString(command)}`)).console;
  }

  private command(command: string) {
    return this.mi.command(command, { timeoutMs: remaining(this.o.deadline) });
  }
}

const KEYWORDS = new Set(['sizeof', 'alignof', 'char', 'short', 'int', 'long', 'float', 'double', 'signed', 'unsigned', 'void', 'bool', 'const', 'volatile', 'struct', 'union', 'enum', 'class', 'true', 'false', 'this', 'nullptr', 'NULL']);

/**
 * The names an expression looks up: identifiers that are not members (`.x`, `->x`), scopes or
 * qualified parts (`ns::`, `::x`), GDB's `$` variables, keywords, or inside quotes.
 */
export function identifiers(expression: string): string[] {
  const bare = expression.replace(/"(\\.|[^"\\])*"|'(\\.|[^'\\])*'/g, ' ');
  const out: string[] = [];
  for (const m of bare.matchAll(/(?<!(?:\.|->|::|\$|\w)\s*)([A-Za-z_]\w*)(?!\s*::)(?!\w)/g)) {
    if (!KEYWORDS.has(m[1]!)) out.push(m[1]!);
  }
  return out;
}

/**
 * What a run-control command prints only when typed at a terminal (GDB's from_tty): MI's
 * console commands count as typed, a `gdb -batch -x` script's do not.
 */
function withoutTerminalChatter(text: string): string {
  return text.replace(/^(Continuing\.|Starting program: .*|Run till exit from .*)\n/gm, '');
}

function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}

/** A timeout becomes the test's budget being exceeded; other errors stay what they are. */
function budget(e: unknown, deadline: number): unknown {
  if (e instanceof MiError && (e.kind === 'timeout' || (e.kind === 'exited' && Date.now() >= deadline))) {
    return new BudgetExceeded('timed out: the program or GDB did not stop in time');
  }
  return e;
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
