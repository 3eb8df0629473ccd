/**
 * Dexter's commands as parsed from a test source, with the arguments and defaults its Python
 * classes define (dex/command/commands/*.py).
 */
import type { PyValue } from './pyexpr.js';

/** An expected value: a string as Dexter compares it (`str(arg)`), or `address(name, offset)`. */
export type Expected = string | AddressExpression;

export class AddressExpression {
  constructor(readonly name: string, readonly offset: bigint) {}
}

interface Base {
  /** The file the command refers to: the test itself, or the last DexDeclareFile before it. Absolute. */
  path: string;
  /** The file and line the command is written on. */
  file: string;
  lineno: number;
  raw: string;
}

export interface ExpectWatch extends Base {
  kind: 'DexExpectWatchValue' | 'DexExpectWatchType';
  expression: string;
  values: Expected[];
  fromLine: number;
  toLine: number;
  requireInOrder: boolean;
  floatRange: number | undefined;
}

export interface ExpectStepOrder extends Base {
  kind: 'DexExpectStepOrder';
  sequence: number[];
  onLine: number | undefined;
}

export const STEP_KINDS = [
  'FUNC',
  'FUNC_EXTERNAL',
  'FUNC_UNKNOWN',
  'VERTICAL_FORWARD',
  'SAME',
  'VERTICAL_BACKWARD',
  'UNKNOWN',
  'HORIZONTAL_FORWARD',
  'HORIZONTAL_BACKWARD',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface ExpectStepKind extends Base {
  kind: 'DexExpectStepKind';
  stepKind: StepKind;
  count: number;
}

/** DexExpectProgramState's expected state: frames from the leaf, each matched by what it names. */
export interface ExpectedFrame {
  function?: string;
  location?: { path?: string; lineno?: number; column?: number };
  /** expression → the value expected, or attributes of Dexter's ValueIR (value, type_name, could_evaluate...). */
  watches: Array<[string, string | Array<[string, PyValue]>]>;
}

export interface ExpectProgramState extends Base {
  kind: 'DexExpectProgramState';
  frames: ExpectedFrame[];
  /** str() of the state dict, as Dexter prints it. */
  text: string;
  times: number;
}

export interface Unreachable extends Base {
  kind: 'DexUnreachable';
  fromLine: number | undefined;
  toLine: number | undefined;
}

export interface LimitSteps extends Base {
  kind: 'DexLimitSteps';
  expression: string | undefined;
  values: string[];
  fromLine: number;
  toLine: number;
  hitCount: number | undefined;
}

export interface FinishTest extends Base {
  kind: 'DexFinishTest';
  expression: string | undefined;
  values: string[];
  onLine: number;
  hitCount: number;
}

export interface Label extends Base {
  kind: 'DexLabel';
  label: string;
  line: number;
}

export interface DeclareFile extends Base {
  kind: 'DexDeclareFile';
  declared: string;
}

export interface DeclareAddress extends Base {
  kind: 'DexDeclareAddress';
  name: string;
  expression: string;
  onLine: number;
  hitCount: number;
}

export interface CommandLine extends Base {
  kind: 'DexCommandLine';
  args: string[];
}

/** Deprecated in Dexter and never scored: parsed so that old tests still load. */
export interface Watch extends Base {
  kind: 'DexWatch';
  expressions: string[];
}

export type Command =
  | ExpectWatch
  | ExpectStepOrder
  | ExpectStepKind
  | ExpectProgramState
  | Unreachable
  | LimitSteps
  | FinishTest
  | Label
  | DeclareFile
  | DeclareAddress
  | CommandLine
  | Watch;

export type CommandName = Command['kind'];

export const COMMAND_NAMES: readonly CommandName[] = [
  'DexCommandLine',
  'DexDeclareAddress',
  'DexDeclareFile',
  'DexExpectProgramState',
  'DexExpectStepKind',
  'DexExpectStepOrder',
  'DexExpectWatchType',
  'DexExpectWatchValue',
  'DexLabel',
  'DexLimitSteps',
  'DexFinishTest',
  'DexUnreachable',
  'DexWatch',
];

/** A watch that the debugger evaluates at a step, as Dexter's StepExpectInfo. */
export interface WatchSpec {
  expression: string;
  /** The file the watch applies in, absolute. */
  path: string;
  frame: number;
  /** Inclusive line range, undefined for any line. */
  lines: [number, number] | undefined;
}

export function commandWatches(c: Command): WatchSpec[] {
  switch (c.kind) {
    case 'DexExpectWatchValue':
    case 'DexExpectWatchType':
      return [{ expression: c.expression, path: c.path, frame: 0, lines: [c.fromLine, c.toLine] }];
    case 'DexDeclareAddress':
      return [{ expression: c.expression, path: c.path, frame: 0, lines: [c.onLine, c.onLine] }];
    case 'DexExpectProgramState':
      return c.frames.flatMap((f, idx) =>
        f.watches.map(([expression]) => ({
          expression,
          path: f.location?.path ?? c.path,
          frame: idx,
          lines: f.location?.lineno ? ([f.location.lineno, f.location.lineno] as [number, number]) : undefined,
        })),
      );
    default:
      return [];
  }
}
