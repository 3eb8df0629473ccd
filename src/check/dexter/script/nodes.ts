/**
 * The nodes of a Dexter script (Dexter's Script.md): state nodes (`!where`, `!and`) that match stack
 * frames, expect nodes (`!value`, `!type`, `!step`, and `!value/all`, `!type/all` for rewriting) that
 * describe what the debugger should show while their state node is active, and `!then` actions.
 * Utility nodes (`!label`, `!range`, `!address`, `!float`) appear inside arguments and expected values.
 */

/** A line given as a number or as `!label NAME [+|- N]`. */
export type LineRef = number | { label: string; offset: number };

export interface LineSpec {
  start: LineRef;
  /** Same as start for a single line; the inclusive end of a `!range`. */
  stop: LineRef;
}

export interface StateNode {
  kind: 'where' | 'and';
  /** Position in pre-order, unique within the script; also the node's identity in a trace. */
  id: number;
  /** Line of the node in the test file. */
  line: number;
  file?: string;
  function?: string;
  lines?: LineSpec;
  atFrameIdx?: number;
  forHitCount?: number;
  afterHitCount?: number;
  conditions?: string;
  parent: StateNode | undefined;
  /** Child state nodes and expects in source order; or a single `!then`. */
  children: Child[];
  then?: ThenNode;
  /** The text Dexter's repr gives (`Where(lines=12)`), used in the step dump. */
  repr: string;
}

export interface ThenNode {
  kind: 'then';
  command: 'finish' | 'step_out';
  line: number;
}

/** An `!address NAME [+|- OFFSET]` expected value. */
export interface AddressValue {
  kind: 'address';
  name: string;
  offset: number;
}

/** A `!float` expected value: one or several values, optionally with a `+-` range. */
export interface FloatValue {
  kind: 'float';
  values: number[];
  /** Whether the source gave a list (`!float [1, 2]` or `{values: ...}`). */
  list: boolean;
  range: number | undefined;
}

/**
 * An expected value as written: a scalar (its text), `!address`, `!float`, a map of member names to
 * expected values, or a list of alternatives. `null` is a placeholder for --update.
 */
export type Expected = string | AddressValue | FloatValue | ExpectedMap | Expected[] | null;
export interface ExpectedMap {
  kind: 'map';
  entries: [string, Expected][];
}

/** Where an expect's entry is in the test file: from its first character to the end of its key and of its value. */
export interface Span {
  start: number;
  keyEnd: number;
  end: number;
}

export interface VarExpect {
  kind: 'value' | 'type';
  id: number;
  line: number;
  expression: string;
  expected: Expected;
  parent: StateNode;
  /** Text range of the entry in the test file (`? !value x`, `!value x: ...`), for --update. */
  span: Span;
}

export interface StepExpect {
  kind: 'step';
  id: number;
  line: number;
  stepKind: 'exactly' | 'at_least' | 'never';
  /** null when left for --update to fill. */
  expected: LineRef[] | null;
  parent: StateNode;
  span: Span;
}

/** `!value/all SCOPE`, `!type/all SCOPE`: only for rewriting, never evaluated. */
export interface ScopeExpect {
  kind: 'value/all' | 'type/all';
  id: number;
  line: number;
  scope: string;
  parent: StateNode;
  span: Span;
}

export type Expect = VarExpect | StepExpect | ScopeExpect;
export type Child = StateNode | Expect;

export function isState(node: Child): node is StateNode {
  return node.kind === 'where' || node.kind === 'and';
}

export interface Script {
  /** The test file, absolute. */
  file: string;
  /** The directory relative paths are resolved against. */
  baseDir: string;
  roots: StateNode[];
  /** Every state node and expect in pre-order. */
  states: StateNode[];
  expects: Expect[];
  /** Line of the `---` that opens the document, and of the `...` that closes it (or the last line). */
  docStart: number;
  docEnd: number;
}

function lineRefText(ref: LineRef): string {
  if (typeof ref === 'number') return String(ref);
  const off = ref.offset === 0 ? '' : ref.offset > 0 ? ` + ${ref.offset}` : ` - ${-ref.offset}`;
  return `Label(${ref.label}${off})`;
}

/** Dexter's `Where(...)`/`And(...)` repr, used to name nodes in the step dump. */
export function stateRepr(node: Omit<StateNode, 'repr'>): string {
  const attrs: string[] = [];
  if (node.file !== undefined) attrs.push(`file=${node.file}`);
  if (node.function !== undefined) attrs.push(`function=${node.function}`);
  if (node.lines !== undefined) {
    const { start, stop } = node.lines;
    attrs.push(
      start === stop ? `lines=${lineRefText(start)}` : `lines=[${lineRefText(start)} - ${lineRefText(stop)}]`,
    );
  }
  if (node.atFrameIdx !== undefined) attrs.push(`at_frame_idx=${node.atFrameIdx}`);
  if (node.forHitCount !== undefined) attrs.push(`for_hit_count=${node.forHitCount}`);
  if (node.afterHitCount !== undefined) attrs.push(`after_hit_count=${node.afterHitCount}`);
  if (node.conditions !== undefined) attrs.push(`conditions=${node.conditions}`);
  return `${node.kind === 'and' ? 'And' : 'Where'}(${attrs.join(', ')})`;
}

/** Dexter's repr of an expect node: `Value(x)`, `Type(x)`, `Step(exactly)`. */
export function expectRepr(e: Expect): string {
  switch (e.kind) {
    case 'value':
      return `Value(${e.expression})`;
    case 'type':
      return `Type(${e.expression})`;
    case 'step':
      return `Step(${e.stepKind})`;
    case 'value/all':
      return `ValueAll(${e.scope})`;
    case 'type/all':
      return `TypeAll(${e.scope})`;
  }
}
