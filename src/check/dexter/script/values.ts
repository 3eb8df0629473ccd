/**
 * How an expected value is compared with what GDB prints, and how the expressions a script watches
 * are named in a recorded step.
 */
import type { Evaluation } from '../../debugger.js';
import type { Expected } from './nodes.js';
import { gdbTruthy } from '../values.js';

/**
 * The GDB expression for member `member` of the value of `parent` (Dexter names an aggregate's
 * children as LLDB does: `X` for a field, `[0]` for an element, `*p` for a pointer's target).
 * Members are evaluated one by one rather than read out of GDB's `{X = 1, Y = 2}`, so that
 * nested aggregates, strings holding commas and pointers all come back in GDB's own form for
 * each member.
 */
export function memberExpression(parent: string, member: string): string {
  if (member.startsWith('[')) return `(${parent})${member}`;
  if (member.startsWith('*')) return `*(${parent})`;
  return `(${parent}).${member}`;
}

/** Every member path that an expected value names (through lists and nested maps), as GDB expressions. */
export function memberExpressions(root: string, expected: Expected): string[] {
  const out = new Set<string>();
  const walk = (expr: string, e: Expected): void => {
    if (Array.isArray(e)) for (const x of e) walk(expr, x);
    else if (e !== null && typeof e === 'object' && e.kind === 'map') {
      for (const [member, sub] of e.entries) {
        const m = memberExpression(expr, member);
        out.add(m);
        walk(m, sub);
      }
    }
  };
  walk(root, expected);
  return [...out];
}

/** Types compare as text, spaces around `*` and `&` aside (GDB prints `char *`, scripts may say `char*`). */
export function gdbTypeMatches(expected: string, actual: string): boolean {
  const norm = (s: string) => s.replace(/\s*([*&,<>])\s*/g, '$1').replace(/\s+/g, ' ').trim();
  return norm(expected) === norm(actual);
}

/** Dexter's ValueIR.could_evaluate: GDB gave a value, or said why it has none. */
export function couldEvaluate(ev: Evaluation | undefined): ev is Evaluation {
  return ev !== undefined && (ev.value !== undefined || ev.optimizedOut || ev.irretrievable);
}

/** What a !value compares: the value, unless it could not be evaluated or read. */
export function valueResult(ev: Evaluation | undefined): string | undefined {
  if (!couldEvaluate(ev) || ev.optimizedOut || ev.irretrievable) return undefined;
  return ev.value;
}

/** What a !type compares. */
export function typeResult(ev: Evaluation | undefined): string | undefined {
  return couldEvaluate(ev) ? ev.type : undefined;
}

/** How a condition's value reads as true: C++'s `true`, or C's non-zero integer. */
export function conditionHolds(ev: Evaluation | undefined): boolean {
  return gdbTruthy(valueResult(ev));
}

/**
 * The members of an aggregate as GDB prints it: `{x = 1, y = {a = 2}}` gives x and y, an array
 * `{1, 2, 3}` gives [0], [1], [2], each with its own text. Undefined for anything else (a scalar, a
 * `<repeats N times>` array, text this does not follow). Used where a member was not evaluated on
 * its own: for members a recording has no watch for, and to write an aggregate out member by member.
 */
export function gdbMembers(text: string): [string, string][] | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  const body = t.slice(1, -1);
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '(' || c === '[' || c === '<') depth++;
    else if (c === '}' || c === ')' || c === ']' || c === '>') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (quote || depth !== 0) return undefined;
  const last = body.slice(start).trim();
  if (last) parts.push(last);
  if (parts.length === 0) return undefined;
  const named = parts.map((p) => /^([A-Za-z_$][\w$]*) = ([\s\S]*)$/.exec(p));
  if (named.every((m) => m !== null)) return named.map((m) => [m![1]!, m![2]!]);
  if (named.some((m) => m !== null) || parts.some((p) => p.includes('<repeats '))) return undefined;
  return parts.map((p, i) => [`[${i}]`, p]);
}
