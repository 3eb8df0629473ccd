/**
 * Filling in expects left without an expected value (`? !value x`, `!value x: null`, `!step
 * exactly:`) from what a recording saw, as Dexter's ExpectRewriter does: the unique values seen while
 * the expect was active, in order (a single value when there is one), and for a `!step` the lines
 * stepped on (none for `!step never`). `!value/all` and `!type/all` are not rewritten: GDB/MI has no
 * DAP scope to list their variables from.
 */
import { watchKey, type Trace } from '../../format.js';
import type { ScriptStep } from './evaluate.js';
import type { Expected, LineRef, Script } from './nodes.js';
import { StateMatcher, type Labels } from './state.js';
import { conditionHolds, gdbMembers, typeResult, valueResult } from './values.js';

export type Fill = { kind: 'var'; value: Expected } | { kind: 'step'; lines: number[] };

/** The value each placeholder expect would be given, by expect id; placeholders never seen are left out. */
export function computeFills(script: Script, labels: Labels, trace: Trace): Map<number, Fill> {
  const placeholders = script.expects.filter(
    (e) => ((e.kind === 'value' || e.kind === 'type') && e.expected === null) || (e.kind === 'step' && e.expected === null),
  );
  const fills = new Map<number, Fill>();
  if (placeholders.length === 0) return fills;
  const ids = new Set(placeholders.map((e) => e.id));
  const seenValues = new Map<number, string[]>();
  const seenLines = new Map<number, number[]>();
  const typeOnly = new Set<number>();
  const matcher = new StateMatcher(script, labels);
  for (const step of trace.steps as ScriptStep[]) {
    const state = matcher.match(step.frames, new Set(step.hitWheres ?? []), (idx, cond) => conditionHolds(step.watches[watchKey(cond, idx)]));
    for (const wm of state.matches.values()) {
      for (const e of wm.activeExpects) {
        if (!ids.has(e.id)) continue;
        if (e.kind === 'step') {
          const line = step.frames[wm.frameIdx]?.line;
          if (line !== undefined) seenLines.set(e.id, [...(seenLines.get(e.id) ?? []), line]);
        } else if (e.kind === 'value' || e.kind === 'type') {
          const ev = step.watches[watchKey(e.expression, wm.frameIdx)];
          const v = e.kind === 'value' ? valueResult(ev) : typeResult(ev);
          if (v === undefined) continue;
          const list = seenValues.get(e.id) ?? [];
          if (!list.includes(v)) list.push(v);
          seenValues.set(e.id, list);
          if (e.kind === 'type') typeOnly.add(e.id);
        }
      }
    }
  }
  for (const e of placeholders) {
    if (e.kind === 'step') fills.set(e.id, { kind: 'step', lines: e.stepKind === 'never' ? [] : (seenLines.get(e.id) ?? []) });
    else {
      // Values are written member by member where GDB printed an aggregate (Dexter writes sub-values so).
      const vs = seenValues.get(e.id)?.map((v) => (typeOnly.has(e.id) ? v : expectedOf(v)));
      const unique = vs?.filter((v, i) => vs.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i);
      if (unique && unique.length) fills.set(e.id, { kind: 'var', value: unique.length === 1 ? unique[0]! : unique });
    }
  }
  return fills;
}

/** An observed value as an expected value: an aggregate as a map of its members, anything else as its text. */
function expectedOf(text: string): Expected {
  const members = gdbMembers(text);
  if (!members) return text;
  return { kind: 'map', entries: members.map(([name, v]) => [name, expectedOf(v)]) };
}

/** Sets the fills into a script (one parsed afresh for the purpose). */
export function applyFills(script: Script, fills: Map<number, Fill>): void {
  for (const e of script.expects) {
    const f = fills.get(e.id);
    if (!f) continue;
    if (f.kind === 'step' && e.kind === 'step') e.expected = f.lines as LineRef[];
    else if (f.kind === 'var' && (e.kind === 'value' || e.kind === 'type')) e.expected = f.value;
  }
}

/** A scalar as YAML that reads back as the same text: plain when safe, double-quoted otherwise. */
export function yamlScalar(text: string): string {
  if (/^(-?[0-9][\w.+-]*|[A-Za-z_][\w.+-]*)$/.test(text) && !/^(null|Null|NULL)$/.test(text)) return text;
  return JSON.stringify(text);
}

function flow(v: Expected): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return yamlScalar(v);
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v.kind === 'address') return `!address ${v.name}${v.offset === 0 ? '' : v.offset > 0 ? ` + ${v.offset}` : ` - ${-v.offset}`}`;
  if (v.kind === 'float') return v.range === undefined ? `!float ${v.values[0]}` : `!float ${v.values[0]} +- ${v.range}`;
  return `{${v.entries.map(([k, x]) => `${yamlScalar(k)}: ${flow(x)}`).join(', ')}}`;
}

/** The test source with each filled placeholder written out; undefined when nothing was filled. */
export function rewriteSource(text: string, script: Script, fills: Map<number, Fill>): string | undefined {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const e of script.expects) {
    const f = fills.get(e.id);
    if (!f) continue;
    // The key as written (`!value "*p"`), without the `? ` of an explicit key.
    const key = text.slice(e.span.start, e.span.keyEnd).replace(/^\?\s+/, '');
    const value = f.kind === 'step' ? `[${f.lines.join(', ')}]` : flow(f.value);
    // `!step exactly:` with nothing after it: the colon goes too.
    const colon = /^[ \t]*:/.exec(text.slice(e.span.end));
    edits.push({ start: e.span.start, end: e.span.end + (colon ? colon[0].length : 0), text: `${key}: ${value}` });
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const ed of edits) out = out.slice(0, ed.start) + ed.text + out.slice(ed.end);
  return out;
}
