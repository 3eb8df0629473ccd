/**
 * Dexter's score (dex/heuristic/Heuristic.py) over a recorded trace: each scoring command gets
 * penalties up to a maximum, the score is `1 - penalty / max_penalty` with the penalty capped at
 * the maximum (so it stays within [0, 1]; NaN when no command scores), and the verbose summary is
 * printed as Dexter's `test -v` prints it, colours removed.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Evaluation, Frame, StopReason } from '../../debugger.js';
import { watchKey } from '../../format.js';
import {
  AddressExpression,
  type Command,
  type ExpectProgramState,
  type ExpectWatch,
  type Expected,
  type StepKind,
  type Unreachable,
  type ExpectStepOrder,
} from './commands.js';
import { differCompare } from './difflib.js';
import { pyFloat, pyRepr, type PyValue } from './pyexpr.js';
import { canonicalValue, gdbShows, leadingAddress } from '../values.js';

/** The penalties, named as Dexter's command-line options; the defaults are Dexter's. */
export interface Penalties {
  variableOptimized: number;
  misorderedValues: number;
  missingValues: number;
  irretrievable: number;
  notEvaluatable: number;
  incorrectValues: number;
  misorderedSteps: number;
  missingStep: number;
  incorrectProgramState: number;
  unreachable: number;
}

export const DEFAULT_PENALTIES: Penalties = {
  variableOptimized: 3,
  misorderedValues: 3,
  missingValues: 6,
  irretrievable: 4,
  notEvaluatable: 5,
  incorrectValues: 7,
  misorderedSteps: 2,
  missingStep: 4,
  incorrectProgramState: 4,
  unreachable: 4,
};

/** A step as the heuristic reads it. */
export interface HStep {
  index: number;
  frames: Frame[];
  /** Watches by frame, under watchKey(expr, N) (format.ts). */
  watches: Record<string, Evaluation>;
  stopReason?: StopReason;
}

const pathCache = new Map<string, string>();
/** A path as compared: absolute, symlinks resolved when it exists. */
export function canonicalPath(p: string): string {
  let r = pathCache.get(p);
  if (r === undefined) {
    r = resolve(p);
    try {
      if (existsSync(r)) r = realpathSync(r);
    } catch {
      // Kept as resolved.
    }
    pathCache.set(p, r);
  }
  return r;
}

function samePath(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && canonicalPath(a) === canonicalPath(b);
}

/** Dexter's StepValueInfo: a watch seen at a step, with the field compared (value or type). */
interface StepValueInfo {
  step: number;
  /**
   * The field as printed in the summary: GDB's text, or the expected value it stands for when it
   * is GDB's form of it (so that the summary reads as under LLDB).
   */
  raw: string | undefined;
  /** The field as compared: GDB's form mapped onto the expected one it stands for, floats within range. */
  canon: string | undefined;
}

type Meta = string | StepValueInfo;
interface Instance {
  meta: Meta;
  penalty: number;
}
interface PenaltyCommand {
  pen: Map<string, Instance[]>;
  max: number;
}

function push(m: Map<string, Instance[]>, k: string, i: Instance): void {
  const l = m.get(k);
  if (l) l.push(i);
  else m.set(k, [i]);
}

function formatAddress(v: bigint): string {
  return '0x' + v.toString(16).padStart(16, '0');
}

/** The evaluation of one DexExpectWatchValue/Type (DexExpectWatchBase.eval). */
class WatchEval {
  timesEncountered = 0;
  invalid: StepValueInfo[] = [];
  optimized: StepValueInfo[] = [];
  irretrievable: StepValueInfo[] = [];
  expected: StepValueInfo[] = [];
  unexpected: StepValueInfo[] = [];
  misordered: StepValueInfo[] = [];
  private missing: Set<Expected>;

  constructor(readonly c: ExpectWatch, private readonly resolutions: Map<string, bigint | undefined>) {
    this.missing = new Set(c.values);
  }

  resolve(v: Expected): string | undefined {
    if (typeof v === 'string') return v;
    if (!this.resolutions.has(v.name)) return undefined;
    const r = this.resolutions.get(v.name);
    return r === undefined ? undefined : formatAddress(r + v.offset);
  }

  describe(v: Expected): string {
    if (typeof v === 'string') return v;
    const off = v.offset > 0n ? `+${v.offset}` : v.offset < 0n ? `${v.offset}` : '';
    const r = this.resolve(v);
    return `address '${v.name}'${off}${r !== undefined ? ` (${r})` : ''}`;
  }

  get missingValues(): string[] {
    return [...this.missing].map((v) => this.describe(v)).sort();
  }

  get encounteredValues(): string[] {
    const seen = new Set<string>();
    for (const v of new Set(this.c.values)) if (!this.missing.has(v)) seen.add(this.describe(v));
    return [...seen].sort();
  }

  private fixFloat(value: string | undefined): string | undefined {
    if (this.c.floatRange === undefined || value === undefined) return value;
    const x = pyFloat(value);
    if (x === undefined) return value;
    for (const e of this.c.values) {
      if (typeof e !== 'string') continue;
      const y = pyFloat(e);
      if (y !== undefined && Math.abs(x - y) <= this.c.floatRange) return e;
    }
    return value;
  }

  handle(step: number, ev: Evaluation): void {
    this.timesEncountered++;
    const raw = this.c.kind === 'DexExpectWatchValue' ? ev.value : ev.type;
    let shown = raw;
    if (raw !== undefined && this.c.kind === 'DexExpectWatchValue') {
      const candidates = this.c.values.map((v) => this.resolve(v)).filter((v): v is string => v !== undefined);
      shown = canonicalValue(raw, candidates);
    }
    const info: StepValueInfo = { step, raw: shown, canon: this.fixFloat(shown) };
    if (ev.value === undefined && !ev.optimizedOut && !ev.irretrievable) {
      this.invalid.push(info);
      return;
    }
    if (ev.optimizedOut) {
      this.optimized.push(info);
      return;
    }
    if (ev.irretrievable) {
      this.irretrievable.push(info);
      return;
    }
    const value = info.canon;
    const address = this.c.values.find(
      (v): v is AddressExpression => v instanceof AddressExpression && this.resolutions.has(v.name) && this.resolve(v) === value,
    );
    if (address === undefined && !this.c.values.some((v) => v === value)) {
      this.unexpected.push(info);
      return;
    }
    this.expected.push(info);
    this.missing.delete(address ?? value!);
  }

  checkOrder(): void {
    if (!this.c.requireInOrder) return;
    const changes: StepValueInfo[] = [];
    const all: Array<string | undefined> = [];
    let prev: string | undefined | null = null;
    for (const w of this.expected) {
      all.push(w.canon);
      if (w.canon !== prev) {
        changes.push(w);
        prev = w.canon;
      }
    }
    const wanted = this.c.values.map((v) => this.resolve(v)).filter((v): v is string => v !== undefined && all.includes(v));
    const actual = changes.map((w) => w.canon ?? 'None');
    let missingValue = false;
    let index = 0;
    for (const d of differCompare(actual, wanted)) {
      if (d.tag === '+') missingValue = true;
      else if (d.tag === ' ') {
        if (missingValue) {
          missingValue = false;
          this.misordered.push(changes[index]!);
        }
        index++;
      } else {
        this.misordered.push(changes[index]!);
        index++;
      }
    }
  }
}

/** Dexter's step kind of each step (DextIR._get_new_step_kind). */
export function stepKinds(steps: readonly HStep[], sources: readonly string[]): StepKind[] {
  const srcs = new Set(sources.map(canonicalPath));
  const funcKind = (s: HStep): StepKind => {
    const p = s.frames[0]?.file;
    if (p === undefined || !existsSync(p)) return 'FUNC_UNKNOWN';
    return srcs.has(canonicalPath(p)) ? 'FUNC' : 'FUNC_EXTERNAL';
  };
  const kinds: StepKind[] = [];
  steps.forEach((s, n) => {
    const fn = s.frames[0]?.function;
    if (fn === undefined) return void kinds.push('UNKNOWN');
    if (n === 0) return void kinds.push(funcKind(s));
    let prev = steps[n - 1]!;
    if (prev.frames[0]?.function === undefined) return void kinds.push('UNKNOWN');
    if (prev.frames.length < s.frames.length) return void kinds.push(funcKind(s));
    if (prev.frames.length > s.frames.length) {
      for (let k = n - 1; k >= 0; k--) {
        const c = steps[k]!;
        if (c.frames[0]?.function === fn && c.frames.length === s.frames.length) {
          prev = c;
          break;
        }
      }
    }
    const pl = prev.frames[0]?.line;
    const sl = s.frames[0]?.line;
    if (pl === undefined || sl === undefined) return void kinds.push('UNKNOWN');
    if (pl > sl) return void kinds.push('VERTICAL_BACKWARD');
    if (pl < sl) return void kinds.push('VERTICAL_FORWARD');
    // GDB reports no column, so two steps on one line always compare equal here:
    // HORIZONTAL_FORWARD and HORIZONTAL_BACKWARD never occur, and such a step is SAME.
    const pc = prev.frames[0]?.column;
    const sc = s.frames[0]?.column;
    if (pc !== undefined && sc !== undefined && pc > sc) return void kinds.push('HORIZONTAL_BACKWARD');
    if (pc !== undefined && sc !== undefined && pc < sc) return void kinds.push('HORIZONTAL_FORWARD');
    kinds.push('SAME');
  });
  return kinds;
}

/** Which of DexUnreachable / DexExpectStepOrder marks each step (ControllerHelpers.update_step_watches). */
export function stepMarks(steps: readonly HStep[], commands: readonly Command[]): Array<{ kind: 'DexUnreachable' | 'DexExpectStepOrder'; line: number } | undefined> {
  const cmds = [
    ...commands.filter((c): c is Unreachable => c.kind === 'DexUnreachable'),
    ...commands.filter((c): c is ExpectStepOrder => c.kind === 'DexExpectStepOrder'),
  ];
  return steps.map((s) => {
    const f = s.frames[0];
    if (!f || f.file === undefined || f.line === undefined || !existsSync(f.file)) return undefined;
    const line = f.line;
    for (const c of cmds) {
      if (!existsSync(c.path) || !samePath(c.path, f.file)) continue;
      let hit: boolean;
      if (c.kind === 'DexExpectStepOrder') hit = (c.onLine ?? c.lineno) === line;
      else if (c.fromLine !== undefined && c.toLine !== undefined) hit = c.fromLine <= line && line <= c.toLine;
      else hit = c.lineno === line;
      if (hit) return { kind: c.kind, line };
    }
    return undefined;
  });
}

function attrOf(ev: Evaluation, attr: string): PyValue | undefined {
  const s = (x: string | undefined): PyValue => (x === undefined ? { kind: 'none' } : { kind: 'str', value: x });
  switch (attr) {
    case 'value': return s(ev.value);
    case 'type_name': return s(ev.type);
    case 'expression': return s(ev.expression);
    case 'error_string': return s(ev.error);
    case 'could_evaluate': return { kind: 'bool', value: !(ev.value === undefined && !ev.optimizedOut && !ev.irretrievable) };
    case 'is_optimized_away': return { kind: 'bool', value: ev.optimizedOut };
    case 'is_irretrievable': return { kind: 'bool', value: ev.irretrievable };
    default: return undefined;
  }
}

/** ProgramState.match: every property the expected state names must hold at the step. */
function stateMatches(c: ExpectProgramState, s: HStep): boolean {
  for (let idx = 0; idx < c.frames.length; idx++) {
    const want = c.frames[idx]!;
    const got = s.frames[idx];
    if (!got) return false;
    if (want.location) {
      const l = want.location;
      if (l.path && !samePath(l.path, got.file)) return false;
      if (l.lineno && l.lineno !== got.line) return false;
      if (l.column && l.column !== got.column) return false;
    }
    for (const [name, expected] of want.watches) {
      const ev = s.watches[watchKey(name, idx)];
      if (!ev) return false;
      if (typeof expected === 'string') {
        if (ev.value === undefined || !gdbShows(ev.value, expected)) return false;
      } else {
        for (const [attr, v] of expected) {
          const a = attrOf(ev, attr) ?? { kind: 'none' };
          const ok =
            attr === 'value' && a.kind === 'str' && v.kind === 'str' ? gdbShows(a.value, v.value) : pyRepr(a) === pyRepr(v);
          if (!ok) return false;
        }
      }
    }
  }
  return true;
}

export interface HeuristicResult {
  score: number;
  penalty: number;
  maxPenalty: number;
  /** Heuristic.verbose_output, colours removed. */
  verbose: string;
  /** The step listing Dexter prints with -v (`## BEGIN ##` ... `## END (n steps) ##`). */
  listing: string;
  /** Names of the commands that lost points, for a one-line reason. */
  penalised: string[];
}

export function heuristic(commands: readonly Command[], steps: readonly HStep[], sources: readonly string[], p: Penalties = DEFAULT_PENALTIES): HeuristicResult {
  const penalties = new Map<string, PenaltyCommand>();
  const resolutions = new Map<string, bigint | undefined>();
  const worst = Math.max(p.variableOptimized, p.irretrievable, p.notEvaluatable, p.incorrectValues, p.missingValues, p.unreachable, p.missingStep, p.misorderedSteps);
  const of = <K extends Command['kind']>(k: K): Array<Extract<Command, { kind: K }>> =>
    commands.filter((c): c is Extract<Command, { kind: K }> => c.kind === k);
  const loc = (s: HStep): Frame | undefined => s.frames[0];

  for (const c of of('DexDeclareAddress')) {
    resolutions.set(c.name, undefined);
    let hits = c.hitCount;
    for (const s of steps) {
      const f = loc(s);
      if (!f || !samePath(f.file, c.path) || f.line !== c.onLine) continue;
      if (hits > 0) {
        hits--;
        continue;
      }
      const w = s.watches[c.expression];
      if (!w) continue;
      resolutions.set(c.name, w.value === undefined ? undefined : leadingAddress(w.value));
      break;
    }
  }

  const watchPenalties = (e: WatchEval, max: number): [string, Map<string, Instance[]>] => {
    const c = e.c;
    const range = c.fromLine === c.toLine ? `${c.fromLine}` : `${c.fromLine}-${c.toLine}`;
    const name = `${basename(c.path)}:${range} [${c.expression}]`;
    const pen = new Map<string, Instance[]>();
    let available = max;
    const missing = e.missingValues;
    if (e.expected.length + e.unexpected.length > 0 || e.timesEncountered === 0) {
      for (const v of missing) {
        const cur = Math.min(available, p.missingValues);
        available -= cur;
        push(pen, 'missing values', { meta: v, penalty: cur });
      }
    }
    for (const v of e.encounteredValues) push(pen, '<g>expected encountered watches</>', { meta: v, penalty: 0 });
    const kinds: Array<[number, StepValueInfo[], string]> = [
      [p.notEvaluatable, e.invalid, 'could not evaluate'],
      [p.variableOptimized, e.optimized, 'result optimized away'],
      [p.misorderedValues, e.misordered, 'misordered result'],
      [p.irretrievable, e.irretrievable, 'result could not be retrieved'],
      [p.incorrectValues, e.unexpected, 'unexpected result'],
    ];
    for (const [score0, watches, description] of kinds) {
      // Dexter penalises each kind of problem at most once per missing value; with no value
      // missing the count starts at zero, goes negative and never stops the penalties.
      let times = missing.length;
      let score = score0;
      for (const w of watches) {
        times--;
        score = Math.min(available, score);
        available -= score;
        push(pen, description, { meta: w, penalty: score });
        if (times === 0) score = 0;
      }
    }
    return [name, pen];
  };

  for (const kind of ['DexExpectWatchType', 'DexExpectWatchValue'] as const) {
    for (const c of of(kind)) {
      const e = new WatchEval(c, resolutions);
      for (const s of steps) {
        const f = loc(s);
        if (!f || f.line === undefined || !samePath(f.file, c.path) || f.line < c.fromLine || f.line > c.toLine) continue;
        const w = s.watches[c.expression];
        if (w) e.handle(s.index, w);
      }
      e.checkOrder();
      const max = Math.min(3, c.values.length) * worst;
      const [name, pen] = watchPenalties(e, max);
      penalties.set(`${name} ${kind === 'DexExpectWatchType' ? 'ExpectType' : 'ExpectValue'}`, { pen, max });
    }
  }

  const states = of('DexExpectProgramState');
  if (states.length) {
    const pen = new Map<string, Instance[]>();
    let maxAll = 0;
    for (const c of states) {
      const encounters = steps.filter((s) => stateMatches(c, s)).map((s) => s.index);
      const success = (c.times < 0 && encounters.length > 0) || encounters.length === c.times;
      let meta = `expected ${c.times >= 0 ? `${c.times} times` : 'at least once'}: ${c.text}`;
      if (success) meta = `<g>${meta}</>`;
      maxAll += p.incorrectProgramState;
      pen.set(meta, [{ meta: `${encounters.length} times`, penalty: success ? 0 : p.incorrectProgramState }]);
    }
    penalties.set('expected program states', { pen, max: maxAll });
  }

  const kinds = stepKinds(steps, sources);
  const stepKindCmds = of('DexExpectStepKind');
  if (stepKindCmds.length) {
    const counts = new Map<StepKind, number>();
    for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
    const pen = new Map<string, Instance[]>();
    let maxAll = 0;
    for (const c of stepKindCmds) {
      const max = Math.max(c.count * 2, 1);
      const diff = Math.abs(c.count - (counts.get(c.stepKind) ?? 0));
      const actual = Math.min(diff, max);
      pen.set(actual ? `StepKind.${c.stepKind}` : `<g>StepKind.${c.stepKind}</>`, [{ meta: String(diff), penalty: actual }]);
      maxAll += max;
    }
    penalties.set('step kind differences', { pen, max: maxAll });
  }

  const marks = stepMarks(steps, commands);
  const unreachables = of('DexUnreachable');
  if (unreachables.length) {
    const reached = marks.filter((m) => m?.kind === 'DexUnreachable');
    const pen = new Map<string, Instance[]>();
    if (reached.length) for (const m of reached) pen.set(`line ${m!.line} reached`, [{ meta: String(p.unreachable), penalty: p.unreachable }]);
    else pen.set('<g>No unreachable lines seen</>', [{ meta: '0', penalty: 0 }]);
    penalties.set('unreachable lines', { pen, max: unreachables.length * p.unreachable });
  }

  const orders = of('DexExpectStepOrder');
  if (orders.length) {
    const expectedLines = orders
      .flatMap((c) => c.sequence.map((n) => [n, c.onLine ?? c.lineno] as const))
      .sort((a, b) => a[0] - b[0])
      .map(([, l]) => l);
    const seenLines = marks.filter((m) => m?.kind === 'DexExpectStepOrder').map((m) => m!.line);
    const count = (xs: number[]): Map<number, number> => {
      const m = new Map<number, number>();
      for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
      return m;
    };
    const expected = count(expectedLines);
    const seen = count(seenLines);
    const unseen = new Map<string, Instance[]>();
    const skipped = new Map<string, Instance[]>();
    for (const [k, v] of expected) {
      const s = seen.get(k);
      if (s === undefined) unseen.set(`Line ${k} not seen`, [{ meta: String(p.missingStep), penalty: p.missingStep }]);
      else if (v > s) skipped.set(`Line ${k} skipped at least once`, [{ meta: String(p.missingStep), penalty: p.missingStep }]);
    }
    if (unseen.size === 0) unseen.set('<g>All lines were seen</>', [{ meta: '0', penalty: 0 }]);
    if (skipped.size === 0) skipped.set('<g>No lines were skipped</>', [{ meta: '0', penalty: 0 }]);
    penalties.set('Unseen lines', { pen: unseen, max: expected.size * p.missingStep });
    penalties.set('Skipped lines', { pen: skipped, max: expected.size * p.missingStep });

    const diff = differCompare(expectedLines.map(String), seenLines.map(String));
    const msgs = new Map<string, Instance[]>();
    const report = (start: number, seg: typeof diff, end: number | '[End]'): void => {
      const pick = (tag: '-' | '+'): PyValue => ({
        kind: 'list',
        items: [
          { kind: 'int', value: BigInt(start) },
          ...seg.filter((d) => d.tag === tag).map((d): PyValue => ({ kind: 'int', value: BigInt(d.value) })),
          end === '[End]' ? { kind: 'str', value: end } : { kind: 'int', value: BigInt(end) },
        ],
      });
      msgs.set(`Order mismatch, expected linenos ${pyRepr(pick('-'))}, saw ${pyRepr(pick('+'))}`, [{ meta: String(p.misorderedSteps), penalty: p.misorderedSteps }]);
    };
    let start = 0;
    let pending: typeof diff = [];
    for (let i = 0; i < diff.length; ) {
      const same = diff[i]!.tag === ' ';
      let j = i;
      while (j < diff.length && (diff[j]!.tag === ' ') === same) j++;
      const group = diff.slice(i, j);
      if (same) {
        const end = Number(group[0]!.value);
        if (pending.length) report(start, pending, end);
        start = Number(group[group.length - 1]!.value);
        pending = [];
      } else pending = group;
      i = j;
    }
    if (pending.length) report(start, pending, '[End]');
    if (msgs.size === 0) msgs.set('<g>No lines misordered</>', [{ meta: '0', penalty: 0 }]);
    penalties.set('Misordered lines', { pen: msgs, max: expectedLines.length * p.misorderedSteps });
  }

  let sum = 0;
  let maxPenalty = 0;
  const penalised: string[] = [];
  for (const [name, pc] of penalties) {
    maxPenalty += pc.max;
    let own = 0;
    for (const insts of pc.pen.values()) for (const i of insts) own += i.penalty;
    sum += own;
    if (own > 0) penalised.push(name);
  }
  const penalty = Math.min(sum, maxPenalty);
  const score = maxPenalty === 0 ? NaN : 1 - penalty / maxPenalty;

  return {
    score,
    penalty,
    maxPenalty,
    verbose: verboseOutput(penalties, resolutions),
    listing: listing(steps, kinds, marks),
    penalised: penalised.sort(),
  };
}

/** Dexter's colour tags, removed as its output does without a terminal. */
function plain(s: string): string {
  return s.replace(/<[rgbyd]>|<\/>/g, '');
}

function rangeText(ranges: Array<[number, number]>, penalty: number): string {
  const r = (x: [number, number]): string => (x[0] === x[1] ? `${x[0]}` : `${x[0]}-${x[1]}`);
  let text = ranges[0]![0] === ranges[ranges.length - 1]![1] ? `step ${ranges[0]![0]}` : `steps [${ranges.map(r).join(', ')}]`;
  if (penalty) text += ` [-${penalty}]`;
  return text;
}

function verboseOutput(penalties: Map<string, PenaltyCommand>, resolutions: Map<string, bigint | undefined>): string {
  let out = '';
  if (resolutions.size) {
    const resolved = [...resolutions].filter(([, v]) => v !== undefined);
    const unresolved = [...resolutions].filter(([, v]) => v === undefined).map(([k]) => k);
    if (resolved.length) {
      out += '\nResolved Addresses:\n';
      for (const [k, v] of resolved) out += `  '${k}': ${formatAddress(v!)}\n`;
    }
    if (unresolved.length) {
      out += `\nUnresolved Addresses:\n  ${pyRepr({ kind: 'list', items: unresolved.map((value) => ({ kind: 'str', value })) })}\n`;
    }
  }
  out += '\n';
  for (const name of [...penalties.keys()].sort()) {
    const pc = penalties.get(name)!;
    let total = 0;
    const lines: string[] = [];
    for (const category of [...pc.pen.keys()].sort()) {
      const insts = pc.pen.get(category)!;
      lines.push(`    ${plain(category)}:\n`);
      const byValue = new Map<string, { ranges: Array<[number, number]>; penalty: number }>();
      for (const i of insts) {
        if (typeof i.meta === 'string') continue;
        const key = i.meta.raw ?? 'None';
        const g = byValue.get(key);
        if (!g) byValue.set(key, { ranges: [[i.meta.step, i.meta.step]], penalty: i.penalty });
        else {
          const last = g.ranges[g.ranges.length - 1]!;
          if (i.meta.step === last[1] + 1) last[1] = i.meta.step;
          else g.ranges.push([i.meta.step, i.meta.step]);
          g.penalty += i.penalty;
        }
      }
      for (const [value, g] of byValue) {
        total += g.penalty;
        lines.push(`      (${value}): ${rangeText(g.ranges, g.penalty)}\n`);
      }
      for (const i of insts) {
        if (typeof i.meta !== 'string') continue;
        let text = i.meta;
        if (i.penalty) {
          total += i.penalty;
          text += ` [-${i.penalty}]`;
        }
        lines.push(`      ${plain(text)}\n`);
      }
      lines.push('\n');
    }
    out += `  ${name} [${total}/${pc.max}]\n` + lines.join('');
  }
  return out + '\n';
}

const STOP_REASON: Record<StopReason, string> = {
  breakpoint: 'StopReason.BREAKPOINT',
  step: 'StopReason.STEP',
  finish: 'StopReason.STEP',
  signal: 'StopReason.OTHER',
  other: 'StopReason.OTHER',
  exited: 'StopReason.PROGRAM_EXIT',
  signalled: 'StopReason.PROGRAM_EXIT',
};

function listing(steps: readonly HStep[], kinds: StepKind[], marks: ReturnType<typeof stepMarks>): string {
  let out = '## BEGIN ##\n';
  steps.forEach((s, n) => {
    const f = s.frames[0];
    const items = [
      s.index,
      f?.function ?? null,
      f?.file ?? null,
      f?.line ?? null,
      f?.column ?? null,
      s.stopReason ? STOP_REASON[s.stopReason] : null,
      `StepKind.${kinds[n]}`,
      marks[n] ? [marks[n]!.kind] : [],
    ];
    out += '.   '.repeat(Math.max(0, s.frames.length - 1)) + '[' + items.map((x) => (Array.isArray(x) ? `[${x.map((y) => JSON.stringify(y)).join(', ')}]` : JSON.stringify(x))).join(', ') + ']\n';
  });
  return out + `## END (${steps.length} step${steps.length === 1 ? '' : 's'}) ##\n`;
}

