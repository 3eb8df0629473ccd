/**
 * Judging a recording against a script, as Dexter's RunMatch/ExpectMatch/Metrics do: the state
 * match is replayed step by step, each active expect is matched against the value recorded for it,
 * and the matches are summed into Dexter's metrics, printed under Dexter's names and in its format.
 */
import type { Evaluation, Frame } from '../../debugger.js';
import { watchKey, type Step, type Trace } from '../../format.js';
import {
  expectRepr,
  type Expected,
  type LineRef,
  type Script,
  type StateNode,
  type StepExpect,
  type VarExpect,
} from './nodes.js';
import { Labels, StateMatcher, type StateMatch } from './state.js';
import {
  conditionHolds,
  gdbTypeMatches,
  gdbMembers,
  memberExpression,
  typeResult,
  valueResult,
} from './values.js';
import { gdbShows, leadingAddress } from '../values.js';

/** A recorded step, with the state nodes whose entry breakpoints caused the stop (see controller.ts). */
export interface ScriptStep extends Step {
  hitWheres?: number[];
}

// ---------------------------------------------------------------------------------------------
// Matching one expected value against one recorded value (ExpectMatch.py).

const enum MR {
  False = 0,
  Partial = 1,
  True = 2,
}

type AddressMap = Map<string, bigint>;

/** A value as recorded: the evaluation of `expression` in `frameIdx` of `step`. */
interface Actual {
  step: Step;
  frameIdx: number;
  expression: string;
  ev: Evaluation | undefined;
}

function actualOf(step: Step, frameIdx: number, expression: string): Actual {
  return { step, frameIdx, expression, ev: step.watches[watchKey(expression, frameIdx)] };
}

export interface ExpectMatch {
  /** The expected value this match was made against (a `!float` is replaced by the value it matched). */
  expected: Expected;
  floatMatched?: string;
  actual: Actual | undefined;
  result: string | Map<string, ExpectMatch> | undefined;
  mr: MR;
  distance: number;
  provisional: AddressMap;
}

function floatText(v: number, range: number | undefined): string {
  return range === undefined ? `Float(${v})` : `Float(${v}+-${range})`;
}

function addressText(name: string, offset: number): string {
  return `Address(${name}${offset === 0 ? '' : offset > 0 ? ` + ${offset}` : ` - ${-offset}`})`;
}

/** Dexter's str() of a scalar expected value: what counts as "one expected value" in the metrics. */
function expectedText(e: Expected): string {
  if (e === null) return 'None';
  if (typeof e === 'string') return e;
  if (Array.isArray(e)) return `[${e.map(expectedText).join(', ')}]`;
  if (e.kind === 'address') return addressText(e.name, e.offset);
  if (e.kind === 'float') return e.values.map((v) => floatText(v, e.range)).join(', ');
  return `{${e.entries.map(([k, v]) => `${k}: ${expectedText(v)}`).join(', ')}}`;
}

function makeMatch(kind: 'value' | 'type', expected: Expected, actual: Actual | undefined, ctx: AddressMap): ExpectMatch {
  const provisional = new Map(ctx);
  const m: ExpectMatch = { expected, actual, result: undefined, mr: MR.False, distance: 1, provisional };
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected) && expected.kind === 'map') {
    const subs = new Map<string, ExpectMatch>();
    for (const [member, sub] of expected.entries) {
      let subActual: Actual | undefined;
      if (actual) {
        const a = actualOf(actual.step, actual.frameIdx, memberExpression(actual.expression, member));
        if (a.ev === undefined && kind === 'value' && actual.ev?.value !== undefined) {
          // Not evaluated on its own (the script was rewritten since): read it out of the aggregate.
          const text = gdbMembers(actual.ev.value)?.find(([name]) => name === member)?.[1];
          if (text !== undefined) a.ev = { expression: a.expression, value: text, type: undefined, optimizedOut: text === '<optimized out>', irretrievable: false };
        }
        if (a.ev !== undefined && a.ev.error === undefined) subActual = a;
      }
      subs.set(member, subActual ? bestMatch(kind, sub, subActual, provisional) : makeMatch(kind, null, undefined, provisional));
    }
    const anyTrue = [...subs.values()].some((s) => s.mr === MR.True);
    const anyFalse = [...subs.values()].some((s) => s.mr === MR.False);
    m.result = subs;
    m.mr = anyTrue && !anyFalse ? MR.True : anyFalse && !anyTrue ? MR.False : MR.Partial;
  } else {
    const result = actual ? (kind === 'value' ? valueResult(actual.ev) : typeResult(actual.ev)) : undefined;
    m.result = result;
    if (expected !== null && result !== undefined) {
      if (typeof expected === 'string') {
        m.mr = (kind === 'value' ? gdbShows(result, expected) : gdbTypeMatches(expected, result)) ? MR.True : MR.False;
      } else if (!Array.isArray(expected) && expected.kind === 'address') {
        const addr = leadingAddress(result);
        if (addr !== undefined) {
          const resolved = provisional.get(expected.name);
          if (resolved !== undefined) m.mr = resolved + BigInt(expected.offset) === addr ? MR.True : MR.False;
          else {
            provisional.set(expected.name, addr - BigInt(expected.offset));
            m.mr = MR.True;
          }
        }
      } else if (!Array.isArray(expected) && expected.kind === 'float') {
        const n = Number(result.trim());
        if (result.trim() !== '' && !Number.isNaN(n)) {
          const hit = expected.values.find((v) => (expected.range === undefined ? v === n : Math.abs(v - n) <= expected.range));
          if (hit !== undefined) {
            m.floatMatched = floatText(hit, expected.range);
            m.mr = MR.True;
          }
        }
      }
    }
  }
  if (m.mr === MR.True) m.distance = 0;
  else if (m.mr === MR.Partial) {
    const d = [...(m.result as Map<string, ExpectMatch>).values()].map((s) => s.distance);
    m.distance = d.reduce((a, b) => a + b, 0) / d.length;
  }
  return m;
}

/** The first exact match among the alternatives, else the closest partial one, else a match against nothing. */
function bestMatch(kind: 'value' | 'type', expected: Expected, actual: Actual, ctx: AddressMap): ExpectMatch {
  const alternatives = Array.isArray(expected) ? expected : [expected];
  let best = makeMatch(kind, null, actual, ctx);
  let bestDist = 1;
  for (const alt of alternatives) {
    const m = makeMatch(kind, alt, actual, ctx);
    if (m.mr === MR.True) {
      best = m;
      break;
    }
    if (m.distance < bestDist) {
      best = m;
      bestDist = m.distance;
    }
  }
  ctx.clear();
  for (const [k, v] of best.provisional) ctx.set(k, v);
  return best;
}

/** The expected values a match saw, as keys of expectedValueSet. */
function matchedValues(m: ExpectMatch, prefix: string[] = []): Set<string> {
  if (m.mr === MR.False) return new Set();
  if (!(m.result instanceof Map)) {
    const text = m.floatMatched ?? expectedText(m.expected);
    return new Set([[...prefix, text].join('\u0000')]);
  }
  const out = new Set<string>();
  for (const [member, sub] of m.result) for (const v of matchedValues(sub, [...prefix, member])) out.add(v);
  return out;
}

/** Every individual expected value with how often it is listed (Dexter's get_expected_value_set). */
function expectedValueSet(expected: Expected, prefix: string[] = [], out = new Map<string, number>()): Map<string, number> {
  const add = (text: string) => {
    const k = [...prefix, text].join('\u0000');
    out.set(k, (out.get(k) ?? 0) + 1);
  };
  if (Array.isArray(expected)) for (const e of expected) expectedValueSet(e, prefix, out);
  else if (expected !== null && typeof expected === 'object' && expected.kind === 'map')
    for (const [member, sub] of expected.entries) expectedValueSet(sub, [...prefix, member], out);
  else if (expected !== null && typeof expected === 'object' && expected.kind === 'float')
    for (const v of expected.values) add(floatText(v, expected.range));
  else add(expectedText(expected));
  return out;
}

/** Dexter's short_str of a match, without colours. */
function shortStr(m: ExpectMatch): string {
  if (!m.actual) return '<Missing>';
  if (m.result === undefined) {
    if (m.actual.ev?.optimizedOut) return '<OptimizedOut>';
    if (m.actual.ev?.irretrievable) return '<Irretrievable>';
    return '<EvaluateFailed>';
  }
  if (typeof m.result === 'string') return m.result;
  return `{ ${[...m.result].map(([k, s]) => `"${k}": ${shortStr(s)}`).join(', ')} }`;
}

// ---------------------------------------------------------------------------------------------
// Metrics (Metrics.py).

export type Metric = { type: 'scalar'; value: number; float: boolean } | { type: 'fraction'; num: number; dom: number };

const scalar = (value: number, float = false): Metric => ({ type: 'scalar', value, float });
const fraction = (num: number, dom: number): Metric => ({ type: 'fraction', num, dom });

function aggregate(a: Metric, b: Metric): Metric {
  if (a.type === 'scalar' && b.type === 'scalar') return scalar(a.value + b.value, a.float || b.float);
  if (a.type === 'fraction' && b.type === 'fraction') return fraction(a.num + b.num, a.dom + b.dom);
  return a;
}

/** Python's `format(v, '.4')` for a float: four significant digits, at least one after the point. */
export function pyFloat4(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [mant, expText] = v.toExponential(3).split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 4) {
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    const e = Math.abs(exp);
    return `${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  let fixed = v.toFixed(Math.max(0, 3 - exp));
  if (fixed.includes('.')) fixed = fixed.replace(/0+$/, '');
  if (fixed.endsWith('.')) fixed += '0';
  if (!fixed.includes('.')) fixed += '.0';
  return fixed;
}

export function metricText(m: Metric): string {
  if (m.type === 'scalar') return m.float ? pyFloat4(m.value) : String(m.value);
  const pct = m.dom === 0 ? 'nan' : ((m.num / m.dom) * 100).toFixed(1);
  return `${pct}% (${m.num}/${m.dom})`;
}

export function metricNumber(m: Metric): number {
  return m.type === 'scalar' ? m.value : m.dom === 0 ? NaN : (m.num / m.dom) * 100;
}

function variableMetrics(expect: VarExpect, matches: ExpectMatch[]): Map<string, Metric> {
  const all = expectedValueSet(Array.isArray(expect.expected) ? expect.expected : [expect.expected]);
  const seen = new Set<string>();
  let correct = 0;
  let optimized = 0;
  let irretrievable = 0;
  let missing = 0;
  let unexpected = 0;
  let partial = 0;
  for (const m of matches) {
    partial += 1 - m.distance;
    for (const v of matchedValues(m)) seen.add(v);
    if (m.mr === MR.True) correct++;
    else if (m.result === undefined) {
      if (m.actual?.ev?.optimizedOut) optimized++;
      else if (m.actual?.ev?.irretrievable) irretrievable++;
      else missing++;
    } else unexpected++;
  }
  let seenCount = 0;
  let missingCount = 0;
  for (const [v, n] of all) {
    if (seen.has(v)) seenCount += n;
    else missingCount += n;
  }
  const kind = expect.kind;
  return new Map<string, Metric>([
    ['total_watched_steps', scalar(matches.length)],
    ['correct_steps', scalar(correct)],
    ['incorrect_steps', scalar(matches.length - correct)],
    ['partial_step_correctness', scalar(partial, true)],
    ['optimized_out_steps', scalar(optimized)],
    ['irretrievable_steps', scalar(irretrievable)],
    ['missing_var_steps', scalar(missing)],
    [`unexpected_${kind}_steps`, scalar(unexpected)],
    ['correct_step_coverage', fraction(correct, matches.length)],
    [`seen_${kind}s`, scalar(seenCount)],
    [`missing_${kind}s`, scalar(missingCount)],
  ]);
}

function lcs(a: number[], b: number[]): number {
  const t: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) t[i + 1]![j + 1] = a[i] === b[j] ? 1 + t[i]![j]! : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  return t[a.length]![b.length]!;
}

export function stepMetrics(kind: StepExpect['stepKind'], expected: number[], seen: number[]): Map<string, Metric> {
  const expSet = new Set(expected);
  const seenSet = new Set(seen);
  const total = seen.length;
  let correct: number;
  let max: number;
  let misordered = 0;
  let missing = 0;
  let incorrect = 0;
  let unexpected = 0;
  if (kind === 'never') {
    max = total;
    correct = seen.filter((l) => !expSet.has(l)).length;
    incorrect = total - correct;
    unexpected = [...seenSet].filter((l) => expSet.has(l)).length;
  } else {
    const byNum = (x: number, y: number) => x - y;
    correct = lcs(expected, seen);
    misordered = lcs([...expected].sort(byNum), [...seen].sort(byNum)) - correct;
    max = expected.length;
    missing = [...expSet].filter((l) => !seenSet.has(l)).length;
    if (kind === 'exactly') {
      incorrect = total - correct;
      unexpected = [...seenSet].filter((l) => !expSet.has(l)).length;
    }
  }
  return new Map<string, Metric>([
    ['total_line_steps', scalar(total)],
    ['correct_line_steps', scalar(correct)],
    ['correct_line_score', fraction(correct, max)],
    ['misordered_line_steps', scalar(misordered)],
    ['missing_lines', scalar(missing)],
    ['incorrect_line_steps', scalar(incorrect)],
    ['unexpected_lines', scalar(unexpected)],
  ]);
}

// ---------------------------------------------------------------------------------------------
// The run.

export interface StepResult {
  step: Step;
  state: StateMatch;
  varMatches: Map<VarExpect, ExpectMatch>;
  stepLines: Map<StepExpect, number>;
}

export interface RunResult {
  steps: StepResult[];
  perVar: Map<VarExpect, ExpectMatch[]>;
  perStep: Map<StepExpect, number[]>;
  /** The expected lines of each !step, labels resolved. */
  stepExpected: Map<StepExpect, number[]>;
  metrics: Map<string, Metric>;
  perExpectMetrics: Map<VarExpect | StepExpect, Map<string, Metric>>;
  errors: string[];
}

function frameFile(frames: Frame[], idx: number): string | undefined {
  return frames[idx]?.file;
}

/** Replays the state match over the recording and computes every match and metric. */
export function runMatch(script: Script, labels: Labels, trace: Trace): RunResult {
  const matcher = new StateMatcher(script, labels);
  const ctx: AddressMap = new Map();
  const perVar = new Map<VarExpect, ExpectMatch[]>();
  const perStep = new Map<StepExpect, number[]>();
  const stepFile = new Map<StepExpect, string | undefined>();
  for (const e of script.expects) {
    if (e.kind === 'value' || e.kind === 'type') perVar.set(e, []);
    else if (e.kind === 'step') perStep.set(e, []);
  }
  const steps: StepResult[] = [];
  for (const step of trace.steps as ScriptStep[]) {
    const state = matcher.match(step.frames, new Set(step.hitWheres ?? []), (idx, cond) => conditionHolds(step.watches[watchKey(cond, idx)]));
    const frameOf = new Map<number, number>();
    for (const wm of state.matches.values()) for (const e of wm.activeExpects) frameOf.set(e.id, wm.frameIdx);
    const varMatches = new Map<VarExpect, ExpectMatch>();
    const stepLines = new Map<StepExpect, number>();
    for (const e of script.expects) {
      const idx = frameOf.get(e.id);
      if (idx === undefined) continue;
      if (e.kind === 'step') {
        const line = step.frames[idx]?.line;
        if (line === undefined) continue;
        stepLines.set(e, line);
        perStep.get(e)!.push(line);
        if (!stepFile.has(e)) stepFile.set(e, frameFile(step.frames, idx));
      } else if (e.kind === 'value' || e.kind === 'type') {
        const m = bestMatch(e.kind, e.expected, actualOf(step, idx, e.expression), ctx);
        varMatches.set(e, m);
        perVar.get(e)!.push(m);
      }
    }
    steps.push({ step, state, varMatches, stepLines });
  }
  const errors: string[] = [];
  const stepExpected = new Map<StepExpect, number[]>();
  for (const [e] of perStep) {
    const refs: LineRef[] = e.expected ?? [];
    const file = stepFile.get(e);
    stepExpected.set(
      e,
      refs.map((r) => {
        if (typeof r === 'number') return r;
        if (!perStep.get(e)!.length) return 0;
        const line = labels.line(r, file);
        if (line === undefined) {
          errors.push(`${script.file}:${e.line}: Label "${r.label}" not found in file "${file ?? '?'}"`);
          return 0;
        }
        return line;
      }),
    );
  }
  const metrics = new Map<string, Metric>();
  const perExpectMetrics = new Map<VarExpect | StepExpect, Map<string, Metric>>();
  const add = (ms: Map<string, Metric>) => {
    for (const [name, m] of ms) metrics.set(name, metrics.has(name) ? aggregate(metrics.get(name)!, m) : m);
  };
  for (const [e, ms] of perVar) {
    const em = variableMetrics(e, ms);
    perExpectMetrics.set(e, em);
    add(em);
  }
  for (const [e, lines] of perStep) {
    const em = stepMetrics(e.stepKind, stepExpected.get(e)!, lines);
    perExpectMetrics.set(e, em);
    add(em);
  }
  return { steps, perVar, perStep, stepExpected, metrics, perExpectMetrics, errors };
}

/** Dexter's dump_step_results (printed with --verbose), colours left out. */
export function dumpSteps(run: RunResult): string {
  let out = '';
  for (const sr of run.steps) {
    const f = sr.step.frames[0];
    out += `Step ${sr.step.index}:\n`;
    out += `  ${f?.file ?? '<unknown>'}:${f?.line ?? '?'}\n`;
    const byFrame = new Map<number, StateNode[]>();
    for (const [where, wm] of sr.state.matches) {
      if (!byFrame.has(wm.frameIdx)) byFrame.set(wm.frameIdx, []);
      byFrame.get(wm.frameIdx)!.push(where);
    }
    if (byFrame.size === 0) {
      out += '  No active !where nodes.\n';
      continue;
    }
    out += '  Active !where nodes:\n';
    for (const [idx, wheres] of [...byFrame].sort((a, b) => a[0] - b[0]))
      out += `    Frame ${idx}: [${wheres.map((w) => w.repr).join(', ')}]\n`;
    if (sr.varMatches.size === 0 && sr.stepLines.size === 0) continue;
    out += '  Active !expect nodes:\n';
    const good: string[] = [];
    const bad: string[] = [];
    for (const [e, m] of sr.varMatches) (m.mr === MR.True ? good : bad).push(`${expectRepr(e)}=${shortStr(m)}`);
    for (const [e, line] of sr.stepLines) {
      const inList = run.stepExpected.get(e)!.includes(line);
      ((e.stepKind === 'never' ? !inList : inList) ? good : bad).push(`${expectRepr(e)}=${line}`);
    }
    if (good.length) out += `    Matching nodes:     [${good.join(', ')}]\n`;
    if (bad.length) out += `    Non-matching nodes: [${bad.join(', ')}]\n`;
  }
  return out;
}

/** Dexter's metric lines (`get_metric_output`). */
export function metricOutput(run: RunResult): string {
  if (run.metrics.size === 0) return 'No expects found.';
  return [...run.metrics].map(([name, m]) => `${name}: ${metricText(m)}`).join('\n') + '\n';
}

/** Why one expect is not met, or undefined when it is. */
export function expectFailure(e: VarExpect | StepExpect, ms: Map<string, Metric>): string | undefined {
  const n = (name: string) => {
    const m = ms.get(name);
    return m?.type === 'scalar' ? m.value : 0;
  };
  const what = `${expectRepr(e)} (line ${e.line})`;
  if (e.kind === 'step') {
    const score = ms.get('correct_line_score');
    const perfect = score?.type === 'fraction' && score.num === score.dom;
    if (perfect && n('incorrect_line_steps') === 0 && n('misordered_line_steps') === 0 && n('missing_lines') === 0) return undefined;
    return `${what}: ${metricText(score!)} lines correct, ${n('missing_lines')} missing, ${n('unexpected_lines')} unexpected, ${n('misordered_line_steps')} misordered`;
  }
  const kind = e.kind;
  const incorrect = n('incorrect_steps');
  const missing = n(`missing_${kind}s`);
  if (incorrect === 0 && missing === 0) return undefined;
  const parts: string[] = [];
  if (n('total_watched_steps') === 0) parts.push('never active');
  if (incorrect) parts.push(`${incorrect} of ${n('total_watched_steps')} steps incorrect`);
  if (missing) parts.push(`${missing} expected ${kind}${missing === 1 ? '' : 's'} not seen`);
  return `${what}: ${parts.join(', ')}`;
}
