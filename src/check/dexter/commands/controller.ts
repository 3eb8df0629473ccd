/**
 * Dexter's debugger controllers over the Debugger interface.
 *
 * DefaultController: a breakpoint on every line of the test's sources that can hold code, then
 * step into everything while in the sources and continue while outside them (so that the run
 * comes back at the next line of the test), recording every stop. DexFinishTest ends the run.
 *
 * ConditionalController (when the test has DexLimitSteps): only breakpoints record steps. Each
 * DexLimitSteps sets a leading breakpoint on its from_line (one per value, conditioned on
 * `(expr) == (value)`); when it is hit, trailing breakpoints are set on the lines after it up to
 * to_line, each removed once hit; hit_count removes the leading breakpoint after that many hits.
 * DexFinishTest is a leading breakpoint that ends the run after hit_count + 1 hits.
 *
 * At each recorded step the watches that apply there are evaluated: a command's expression on
 * the lines it covers, in the frame it names (see commandWatches).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Debugger, Evaluation, Frame, Stop, StopReason } from '../../debugger.js';
import { watchKey, type RunLimits, type Step, type Trace } from '../../format.js';
import { commandWatches, type Command, type FinishTest, type LimitSteps, type WatchSpec } from './commands.js';
import { canonicalPath } from './heuristic.js';
import { gdbTruthy } from '../values.js';

/** The stop reason of each recorded step, for the step listing (Step has no field for it). */
export const stopReasons = new WeakMap<Step, StopReason>();

/** Lines that may hold code: not blank, not only a comment, not a preprocessor line. */
export function codeLines(text: string): number[] {
  const out: number[] = [];
  let inBlock = false;
  text.split('\n').forEach((line, i) => {
    let code = '';
    let j = 0;
    while (j < line.length) {
      if (inBlock) {
        const e = line.indexOf('*/', j);
        if (e < 0) {
          j = line.length;
          break;
        }
        inBlock = false;
        j = e + 2;
        continue;
      }
      if (line.startsWith('//', j)) break;
      if (line.startsWith('/*', j)) {
        inBlock = true;
        j += 2;
        continue;
      }
      code += line[j];
      j++;
    }
    const t = code.trim();
    if (t !== '' && !t.startsWith('#')) out.push(i + 1);
  });
  return out;
}

function active(w: WatchSpec, frame: Frame, idx: number): boolean {
  if (w.frame !== idx) return false;
  // As Dexter: the file is only checked when the command's file exists.
  if (existsSync(w.path)) {
    if (frame.file === undefined || !existsSync(frame.file) || canonicalPath(frame.file) !== canonicalPath(w.path)) return false;
  }
  if (w.lines && (frame.line === undefined || frame.line < w.lines[0] || frame.line > w.lines[1])) return false;
  return true;
}

class Recorder {
  readonly steps: Step[] = [];
  private readonly watches: WatchSpec[];
  private readonly sources: Set<string>;
  aborted: string | undefined;

  constructor(private readonly dbg: Debugger, private readonly limits: RunLimits, commands: readonly Command[]) {
    this.watches = commands.flatMap(commandWatches);
    this.sources = new Set(dbg.sources.map(canonicalPath));
  }

  inSources(frame: Frame | undefined): boolean {
    return frame?.file !== undefined && this.sources.has(canonicalPath(frame.file));
  }

  /** The stack at this stop: empty once the program's entry has returned (Debugger.frames). */
  frames(): Promise<Frame[]> {
    return this.dbg.frames();
  }

  async record(frames: Frame[], reason: StopReason): Promise<void> {
    const watches: Record<string, Evaluation> = {};
    for (let idx = 0; idx < frames.length; idx++) {
      for (const w of this.watches) {
        const key = watchKey(w.expression, idx);
        if (key in watches || !active(w, frames[idx]!, idx)) continue;
        watches[key] = await this.dbg.evaluate(w.expression, idx);
      }
    }
    const step: Step = { index: this.steps.length + 1, frames, watches };
    stopReasons.set(step, reason);
    this.steps.push(step);
  }

  /** Whether another resumption is within budget; sets `aborted` when it is not. */
  canResume(): boolean {
    if (this.dbg.resumptions < this.limits.maxSteps) return true;
    this.aborted = `maximum number of steps reached (${this.limits.maxSteps})`;
    return false;
  }

  async holds(expression: string, value: string): Promise<boolean> {
    const r = await this.dbg.evaluate(`(${expression}) == (${value})`);
    return gdbTruthy(r.value);
  }

  trace(last: Stop): Trace {
    const t: Trace = { steps: this.steps };
    if (last.reason === 'exited' && last.exitCode !== undefined) t.exitCode = last.exitCode;
    if (this.aborted) t.aborted = this.aborted;
    return t;
  }
}

export async function recordDefault(dbg: Debugger, limits: RunLimits, commands: readonly Command[]): Promise<Trace> {
  const rec = new Recorder(dbg, limits, commands);
  let stop = await dbg.start();
  for (const file of dbg.sources) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of codeLines(text)) {
      try {
        await dbg.breakAt({ file, line });
      } catch {
        // A line GDB finds no code for.
      }
    }
  }
  const finish = commands
    .filter((c): c is FinishTest => c.kind === 'DexFinishTest')
    .map((c) => ({ ...c, remaining: c.hitCount }));

  while (!dbg.ended) {
    const frames = await rec.frames();
    const top = frames[0];
    if (top) {
      await rec.record(frames, stop.reason);
      let exit = false;
      for (const f of finish) {
        if (f.onLine !== top.line) continue;
        let hit = f.expression === undefined;
        for (const v of f.values) {
          if (await rec.holds(f.expression!, v)) {
            hit = true;
            break;
          }
        }
        if (!hit) continue;
        if (f.remaining <= 0) exit = true;
        else f.remaining--;
      }
      if (exit) break;
    }
    if (!rec.canResume()) break;
    stop = rec.inSources(top) ? await dbg.step() : await dbg.continue();
  }
  return rec.trace(stop);
}

const fileLines = new Map<string, number[]>();
function linesOf(file: string): number[] {
  let l = fileLines.get(file);
  if (!l) {
    try {
      l = codeLines(readFileSync(file, 'utf8'));
    } catch {
      l = [];
    }
    fileLines.set(file, l);
  }
  return l;
}

interface BreakpointRange {
  expression: string | undefined;
  values: string[];
  path: string;
  from: number;
  to: number;
  maxHits: number | undefined;
  hits: number;
  finishOnRemove: boolean;
}

export async function recordConditional(dbg: Debugger, limits: RunLimits, commands: readonly Command[]): Promise<Trace> {
  const rec = new Recorder(dbg, limits, commands);
  const ranges: BreakpointRange[] = [
    ...commands
      .filter((c): c is LimitSteps => c.kind === 'DexLimitSteps')
      .map((c) => ({ expression: c.expression, values: c.values, path: c.path, from: c.fromLine, to: c.toLine, maxHits: c.hitCount, hits: 0, finishOnRemove: false })),
    ...commands
      .filter((c): c is FinishTest => c.kind === 'DexFinishTest')
      .map((c) => ({ expression: c.expression, values: c.values, path: c.path, from: c.onLine, to: c.onLine, maxHits: c.hitCount + 1, hits: 0, finishOnRemove: true })),
  ];
  let stop = await dbg.start();

  const leading = new Map<number, BreakpointRange>();
  /** Where each of our breakpoints is, and its condition: GDB reports one breakpoint per stop. */
  const placed = new Map<number, { path: string; line: number; condition: [string, string] | undefined; selfCheck: boolean }>();
  for (const bpr of ranges) {
    for (const v of bpr.expression !== undefined ? bpr.values : [undefined]) {
      const condition: [string, string] | undefined = v === undefined ? undefined : [bpr.expression!, v];
      let id: number;
      let selfCheck = false;
      try {
        id = await dbg.breakAt({ file: bpr.path, line: bpr.from }, condition && `(${condition[0]}) == (${condition[1]})`);
      } catch (e) {
        // GDB parses a condition where the breakpoint is set and refuses one naming a variable
        // it does not find there (a loop variable, at -O0 sometimes): the condition is then
        // evaluated here at each hit instead.
        if (condition === undefined) throw e;
        id = await dbg.breakAt({ file: bpr.path, line: bpr.from });
        selfCheck = true;
      }
      leading.set(id, bpr);
      placed.set(id, { path: bpr.path, line: bpr.from, condition, selfCheck });
    }
  }
  const trailing = new Map<number, number>(); // line → breakpoint id
  const trailingIds = new Set<number>();

  /**
   * The breakpoints hit at a stop: the one GDB names, and every other of ours at the same line
   * whose condition holds (LLDB names them all, and Dexter counts a hit for each).
   */
  const hitAt = async (frame: Frame | undefined, named: readonly number[]): Promise<number[]> => {
    const hit = new Set<number>();
    for (const id of named) {
      const b = placed.get(id);
      if (b?.selfCheck && b.condition && !(await rec.holds(b.condition[0], b.condition[1]))) continue;
      hit.add(id);
    }
    if (frame?.file !== undefined) {
      for (const [id, b] of placed) {
        if (hit.has(id) || named.includes(id) || b.line !== frame.line || canonicalPath(b.path) !== canonicalPath(frame.file)) continue;
        if (b.condition === undefined || (await rec.holds(b.condition[0], b.condition[1]))) hit.add(id);
      }
    }
    return [...hit];
  };

  // start() stopped on main's first line, where a breakpoint set afterwards is not reported:
  // one of ours there counts as hit, as it would have been under Dexter's launch.
  let triggered = await hitAt((await rec.frames())[0], []);
  if (triggered.length === 0) {
    if (!rec.canResume()) return rec.trace(stop);
    stop = await dbg.continue();
    triggered = stop.reason === 'breakpoint' ? await hitAt((await rec.frames())[0], stop.breakpoints) : [];
  } else stop = { ...stop, reason: 'breakpoint', breakpoints: triggered };

  while (!dbg.ended) {
    const frames = await rec.frames();
    let log = false;
    let exit = false;
    const toDelete: number[] = [];
    for (const id of triggered) {
      const bpr = leading.get(id);
      if (!bpr) {
        if (trailingIds.has(id)) {
          toDelete.push(id);
          log = true;
        }
        continue;
      }
      log = true;
      bpr.hits++;
      if (bpr.maxHits !== undefined && bpr.hits >= bpr.maxHits) {
        if (bpr.finishOnRemove) exit = true;
        toDelete.push(id);
        leading.delete(id);
      }
      // Dexter sets one on every line up to to_line (999999 by default): here only on the lines
      // of the file that can hold code.
      for (const line of linesOf(bpr.path)) {
        if (line <= bpr.from || line > bpr.to || trailing.has(line)) continue;
        try {
          const tid = await dbg.breakAt({ file: bpr.path, line });
          trailing.set(line, tid);
          trailingIds.add(tid);
          placed.set(tid, { path: bpr.path, line, condition: undefined, selfCheck: false });
        } catch {
          // No code on that line.
        }
      }
    }
    for (const id of toDelete) {
      await dbg.deleteBreakpoint(id);
      trailingIds.delete(id);
      placed.delete(id);
      for (const [line, tid] of trailing) if (tid === id) trailing.delete(line);
    }
    if (log && frames[0]) await rec.record(frames, stop.reason);
    if (exit) break;
    if (!rec.canResume()) break;
    stop = await dbg.continue();
    triggered = stop.reason === 'breakpoint' ? await hitAt((await rec.frames())[0], stop.breakpoints) : [];
  }
  return rec.trace(stop);
}
