/**
 * LLVM Dexter's script format (`--use-script`): a YAML document in a comment of the test source,
 * between a `---` line and a `...` line, made of Dexter's `!where`/`!and` state nodes and
 * `!value`/`!type`/`!step` expects. See Dexter's Script.md.
 *
 *   dexterScript.parse(source) → ParsedTest
 *   test.record(debugger, limits) → Trace   (the controller, controller.ts)
 *   test.judge(trace) → Verdict              (Dexter's metrics, evaluate.ts)
 *   test.update(trace) → source | undefined  (placeholders filled, rewrite.ts)
 */
import { basename } from 'node:path';
import { DirectiveError, type Format, type ParsedTest, type TestSource, type Trace, type Verdict } from '../../format.js';
import { litFlags, runLines } from '../../lit.js';
import { recordScript } from './controller.js';
import { dumpSteps, expectFailure, metricNumber, metricOutput, runMatch } from './evaluate.js';
import { detectScript, parseScript } from './parse.js';
import type { Script } from './nodes.js';
import { applyFills, computeFills, rewriteSource } from './rewrite.js';
import { Labels } from './state.js';

export { parseScript, detectScript } from './parse.js';
export { gdbTypeMatches, memberExpression } from './values.js';
export type { ScriptStep } from './evaluate.js';

/** Checks that every label a node with a known file names is in that file. */
function checkLabels(script: Script, labels: Labels): void {
  for (const node of script.states) {
    if (!node.lines || node.function) continue;
    const file = node.file ?? (node.kind === 'where' ? script.file : undefined);
    if (file === undefined) continue;
    for (const ref of [node.lines.start, node.lines.stop]) {
      if (typeof ref !== 'number' && labels.line(ref, file) === undefined)
        throw new DirectiveError(script.file, node.line, `Label "${ref.label}" not found in file "${file}"`);
    }
  }
}

class DexterScriptTest implements ParsedTest {
  readonly format = 'dexter-script' as const;
  readonly flags: string[];
  readonly args: string[] = [];
  readonly notes: string[];
  readonly extraSources: string[] = [];
  /** Dexter's --skip-evaluate on a RUN line: the run is recorded and listed, its expectations not judged. */
  private readonly skipEvaluate: boolean;

  constructor(
    private readonly source: TestSource,
    private readonly script: Script,
    private readonly labels: Labels,
  ) {
    ({ flags: this.flags, notes: this.notes } = litFlags(source.text, source.path));
    this.skipEvaluate = runLines(source.text).some((r) => /(^|\s)--skip-evaluate(\s|$)/.test(r.text));
    if (this.skipEvaluate) this.notes.push("--skip-evaluate: the expectations are not judged; the steps are listed in jitdbg's form, not Dexter's");
    if (script.expects.some((e) => e.kind === 'value/all' || e.kind === 'type/all'))
      this.notes.push('!value/all and !type/all are not evaluated or rewritten: GDB has no DAP scopes to list');
  }

  record(debugger_: Parameters<ParsedTest['record']>[0], limits: Parameters<ParsedTest['record']>[1]): Promise<Trace> {
    return recordScript(this.script, this.labels, debugger_, limits);
  }

  judge(trace: Trace): Verdict {
    // As Dexter does, expects left without a value are first given the values seen, then judged.
    let script = this.script;
    let labels = this.labels;
    const fills = computeFills(script, labels, trace);
    let rewrote = '';
    if (fills.size) {
      script = parseScript(this.source.path, this.source.text);
      labels = new Labels(script, this.source.text);
      applyFills(script, fills);
      rewrote = `Rewrote script to add ${fills.size} expected values.\n`;
    }
    const run = runMatch(script, labels, trace);
    if (this.skipEvaluate) {
      return { pass: !trace.aborted, ...(trace.aborted ? { reason: trace.aborted } : {}), metrics: {}, report: dumpSteps(run) };
    }
    const name = basename(this.source.path);
    const report = `${rewrote}${dumpSteps(run)}\n${name}: \n${metricOutput(run)}\n`;
    const metrics: Record<string, number> = {};
    for (const [k, m] of run.metrics) metrics[k] = metricNumber(m);
    const failures: string[] = [...run.errors];
    if (trace.aborted) failures.unshift(trace.aborted);
    for (const [e, ms] of run.perExpectMetrics) {
      const why = expectFailure(e, ms);
      if (why) failures.push(why);
    }
    const verdict: Verdict = { pass: failures.length === 0, metrics, report };
    if (failures.length) verdict.reason = failures.length === 1 ? failures[0]! : `${failures[0]!} (and ${failures.length - 1} more)`;
    return verdict;
  }

  update(trace: Trace): string | undefined {
    return rewriteSource(this.source.text, this.script, computeFills(this.script, this.labels, trace));
  }
}

export const dexterScript: Format = {
  name: 'dexter-script',
  detect: detectScript,
  parse(source: TestSource): ParsedTest {
    const script = parseScript(source.path, source.text);
    const labels = new Labels(script, source.text);
    checkLabels(script, labels);
    return new DexterScriptTest(source, script, labels);
  },
};
