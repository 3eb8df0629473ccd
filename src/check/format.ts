/**
 * A test format: how directives are read from a test source, how they drive the debugger, and
 * how what was recorded is judged. Recording and judging are separate so that one run serves
 * every directive, and so that parity mode can compare two recordings step by step.
 */
import type { Debugger, Evaluation, Frame } from './debugger.js';

export type FormatName = 'dexter-script' | 'dexter-commands' | 'llgdb';

/** A test source as read from disk. */
export interface TestSource {
  /** Absolute path. */
  path: string;
  text: string;
}

/** A malformed directive: the test fails with `file:line: message`, nothing crashes. */
export class DirectiveError extends Error {
  constructor(readonly file: string, readonly line: number, readonly reason: string) {
    super(`${file}:${line}: ${reason}`);
  }
}

/** One stop of the program as recorded, or one command of a command script (llgdb). */
export interface Step {
  /** 1-based, in order of recording. */
  index: number;
  /** The stack at the stop, leaf first (empty for a command that did not stop the program). */
  frames: Frame[];
  /** The expressions watched at this step, by watchKey(expression, frame). */
  watches: Record<string, Evaluation>;
  /** llgdb: the command run at this step and what GDB printed for it. */
  command?: string;
  output?: string;
}

/**
 * The key of a watched expression in Step.watches: the expression itself in the leaf frame, and
 * `#N expression` in frame N (Dexter keeps watches per frame; a Step keeps one map).
 */
export function watchKey(expression: string, frame: number): string {
  return frame === 0 ? expression : `#${frame} ${expression}`;
}

export interface Trace {
  steps: Step[];
  /** The program's exit status when it exited; undefined when the run ended otherwise. */
  exitCode?: number;
  /** Why the run ended early (budget exceeded, GDB died); the test then fails with this reason. */
  aborted?: string;
}

/** What a format concludes from a trace. */
export interface Verdict {
  pass: boolean;
  /** One line on why the test failed, when it did. */
  reason?: string;
  /** Dexter's metric names (seen_values, correct_step_coverage...) or `score` for the command format. */
  metrics: Record<string, number>;
  /** The report as the format's own tool prints it (Dexter's text, FileCheck's diagnostics). */
  report: string;
}

export interface RunLimits {
  /** Resumptions (steps and continues) allowed in one run. */
  maxSteps: number;
}

/** A test parsed from its source. */
export interface ParsedTest {
  format: FormatName;
  /** Compiler flags the test's own directives ask for (RUN lines, DexCommandLine is separate). */
  flags: string[];
  /** Program arguments (DexCommandLine). */
  args: string[];
  /** Things the runner should say about the test once, e.g. a clang-only flag ignored. */
  notes: string[];
  /** Further source files the test names (DexDeclareFile), absolute; they are compiled and linked too when they are sources. */
  extraSources: string[];
  /** Drives the debugger from start() to the end and records the steps; throws BudgetExceeded over budget. */
  record(debugger_: Debugger, limits: RunLimits): Promise<Trace>;
  judge(trace: Trace): Verdict;
  /** --update: the test's source with observed values written into its expectations, or undefined when nothing changes. */
  update?(trace: Trace): string | undefined;
}

export interface ParseOptions {
  /** Dexter's --fail-lt: a command-format test passes when its score is at least this (default 1). */
  failLt?: number;
}

export interface Format {
  name: FormatName;
  /** Whether the source is written in this format. */
  detect(text: string): boolean;
  /** Reads the directives; throws DirectiveError for a malformed one. */
  parse(source: TestSource, options?: ParseOptions): ParsedTest;
}
