/**
 * LLVM Dexter's command format: DexExpectWatchValue and its kin written in a C/C++ test's
 * comments, recorded with Dexter's controllers and scored with Dexter's heuristic.
 *
 * Where this differs from Dexter running LLDB, and why:
 *  - GDB reports no column: HORIZONTAL_FORWARD/BACKWARD steps never occur (SAME instead).
 *  - GDB prints chars, pointers and strings its own way: values.ts maps them onto the expected
 *    forms, and only there.
 *  - Steps are numbered 1, 2, ... in order of recording in both controllers (Dexter's
 *    conditional controller numbers from 0 and counts the stops it does not record).
 *  - Once main has returned no step is recorded: the frames left are the host's.
 *  - Breakpoints go on the lines that can hold code, not on every line; GDB names one
 *    breakpoint per stop, so the conditional controller counts every one of its breakpoints at
 *    the stopped line whose condition holds, and evaluates a condition GDB refuses itself.
 *  - Parentheses inside string literals do not count when a command's end is looked for, and a
 *    command may continue over `//` comment lines.
 *  - DexContinue and DexStepFunction (newer controller commands) are refused as unsupported.
 */
import { basename } from 'node:path';
import type { Debugger } from '../../debugger.js';
import type { Format, ParsedTest, ParseOptions, RunLimits, TestSource, Trace, Verdict } from '../../format.js';
import type { Command } from './commands.js';
import { recordConditional, recordDefault, stopReasons } from './controller.js';
import { litFlags } from '../../lit.js';
import { DEFAULT_PENALTIES, heuristic, type HStep, type Penalties } from './heuristic.js';
import { parseCommands } from './parse.js';

export type { Command } from './commands.js';
export { DEFAULT_PENALTIES, type Penalties } from './heuristic.js';

export interface DexterCommandsOptions extends ParseOptions {
  /** The test fails when its score is below this (Dexter's --fail-lt). Default 1.0. */
  failLt?: number;
  /** Dexter's --penalty-* options. */
  penalties?: Partial<Penalties>;
}

export interface DexterCommandsTest extends ParsedTest {
  format: 'dexter-commands';
  readonly commands: readonly Command[];
  /** Dexter's --fail-lt for this test; may be changed after parsing. */
  failLt: number;
}

/** Python's '{:.4f}': round half to even on the exact binary value (toFixed rounds half up). */
export function format4(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  const exact = Math.abs(x).toFixed(30);
  const [i, f] = exact.split('.') as [string, string];
  const keep = f.slice(0, 4);
  const rest = f.slice(4);
  const half = '5'.padEnd(rest.length, '0');
  const up = rest > half || (rest === half && Number(keep[3]) % 2 === 1);
  const s = (BigInt(i + keep) + (up ? 1n : 0n)).toString().padStart(5, '0');
  return `${x < 0 && s !== '00000' ? '-' : ''}${s.slice(0, -4)}.${s.slice(-4)}`;
}

const DETECT = /(?<![\\\w])Dex(?:ExpectWatchValue|ExpectWatchType|ExpectStepOrder|ExpectStepKind|ExpectProgramState|Unreachable|LimitSteps|Label|DeclareFile|DeclareAddress|FinishTest|CommandLine|Watch)\s*\(/;

export function parseDexterCommands(source: TestSource, options: DexterCommandsOptions = {}): DexterCommandsTest {
  const parsed = parseCommands(source.path, source.text);
  const { flags, notes } = litFlags(source.text, source.path);
  const commands = parsed.commands;
  const penalties: Penalties = { ...DEFAULT_PENALTIES, ...options.penalties };
  const cmdline = commands.find((c) => c.kind === 'DexCommandLine');
  const conditional = commands.some((c) => c.kind === 'DexLimitSteps');
  if (commands.some((c) => c.kind === 'DexWatch')) notes.push('DexWatch is deprecated in Dexter and not scored');
  let recordedSources: readonly string[] = [];
  const name = basename(source.path);

  const test: DexterCommandsTest = {
    format: 'dexter-commands',
    commands,
    failLt: options.failLt ?? 1.0,
    flags,
    args: cmdline?.kind === 'DexCommandLine' ? cmdline.args : [],
    notes,
    extraSources: parsed.declaredFiles,

    async record(debugger_: Debugger, limits: RunLimits): Promise<Trace> {
      recordedSources = debugger_.sources;
      return conditional ? recordConditional(debugger_, limits, commands) : recordDefault(debugger_, limits, commands);
    },

    judge(trace: Trace): Verdict {
      if (trace.aborted !== undefined) {
        return {
          pass: false,
          reason: trace.aborted,
          metrics: {},
          report: `${name}: nan/nan (nan) [${trace.aborted}]\n`,
        };
      }
      const sources = [...new Set([...recordedSources, source.path, ...parsed.declaredFiles])];
      const steps: HStep[] = trace.steps.map((s) => {
        const stopReason = stopReasons.get(s);
        return stopReason ? { index: s.index, frames: s.frames, watches: s.watches, stopReason } : { index: s.index, frames: s.frames, watches: s.watches };
      });
      const h = heuristic(commands, steps, sources, penalties);
      const summary = `${name}: (${format4(h.score)})\n`;
      const report = `${summary}\n${h.listing}\n${h.verbose}`;
      // As Dexter's `score < fail_lt`: a NaN score (nothing scored) does not fail.
      const pass = !(h.score < test.failLt);
      const verdict: Verdict = {
        pass,
        metrics: { score: h.score, penalty: h.penalty, max_penalty: h.maxPenalty },
        report,
      };
      if (!pass) {
        verdict.reason = `score ${format4(h.score)} is below ${test.failLt}${h.penalised.length ? `: ${h.penalised.join('; ')}` : ''}`;
      }
      return verdict;
    },
  };
  return test;
}

export const dexterCommands: Format & { parse(source: TestSource, options?: DexterCommandsOptions): DexterCommandsTest } = {
  name: 'dexter-commands',
  detect: (text: string) => DETECT.test(text),
  parse: (source: TestSource, options?: DexterCommandsOptions) => parseDexterCommands(source, options),
};
