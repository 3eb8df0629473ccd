/**
 * LLVM's llgdb test format (cross-project-tests/debuginfo-tests/llgdb-tests): `DEBUGGER: cmd`
 * comment lines form a GDB command script, run in order as `gdb -q -batch -n -x script` would run
 * them, and the test's `CHECK` lines are FileCheck'd against everything GDB printed.
 *
 * GDB ends a script given by -x at its first failing command, printing `SCRIPT:LINE: Error in
 * sourced command file:` and the error; Debugger.cli throws CommandError for it, and the script
 * ends there with those lines.
 */
import { basename } from 'node:path';
import { CommandError, type Debugger } from '../debugger.js';
import { DirectiveError, type Format, type ParsedTest, type Step, type TestSource, type Trace, type Verdict } from '../format.js';
import { CheckSyntaxError, fileCheck, readCheckDirectives, validateCheckDirectives, type CheckDirective } from '../filecheck.js';
import { litFlags } from '../lit.js';

/** One `DEBUGGER:` command and the line it was read from. */
export interface DebuggerCommand {
  command: string;
  line: number;
}

const debuggerLine = /(?:\/\/|\/\*|#|;)\s*DEBUGGER:/;

/** The `DEBUGGER:` commands of a source, in order: the rest of each line after `DEBUGGER:`, as test_debuginfo.pl takes it. */
export function debuggerCommands(text: string): DebuggerCommand[] {
  const out: DebuggerCommand[] = [];
  text.split('\n').forEach((lineText, i) => {
    const at = lineText.indexOf('DEBUGGER:');
    if (at < 0) return;
    // A block comment's end is not part of the command.
    const command = lineText.slice(at + 'DEBUGGER:'.length).replace(/\*\/\s*$/, '').trim();
    if (command !== '') out.push({ command, line: i + 1 });
  });
  return out;
}

/** The name of the script test_debuginfo.pl writes, which GDB names in its errors. */
function scriptName(path: string): string {
  return `${basename(path)}.debugger.script`;
}

/** What `gdb -batch -x script` prints over a trace: each command's output, in order (GDB does not echo commands). */
export function gdbOutput(trace: Trace): string {
  return trace.steps
    .map((s) => {
      const o = s.output ?? '';
      return o === '' || o.endsWith('\n') ? o : `${o}\n`;
    })
    .join('');
}

class LlgdbTest implements ParsedTest {
  readonly format = 'llgdb' as const;
  readonly args: string[] = [];
  readonly extraSources: string[] = [];

  constructor(
    private readonly path: string,
    readonly commands: DebuggerCommand[],
    readonly checks: CheckDirective[],
    readonly flags: string[],
    readonly notes: string[],
  ) {}

  /** Over its step budget the Debugger throws BudgetExceeded, which ends the run (runner.ts). */
  async record(debugger_: Debugger): Promise<Trace> {
    const steps: Step[] = [];
    const add = (command: string, output: string) => steps.push({ index: steps.length + 1, frames: [], watches: {}, command, output });
    await debugger_.start({ beforePrologue: true });
    for (const [i, { command }] of this.commands.entries()) {
      try {
        add(command, await debugger_.cli(command));
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        // GDB stops a sourced script at its first failing command.
        add(command, `${scriptName(this.path)}:${i + 1}: Error in sourced command file:\n${e.message}\n`);
        break;
      }
    }
    return { steps };
  }

  judge(trace: Trace): Verdict {
    const result = fileCheck(this.checks, gdbOutput(trace), { checkFile: this.path, inputName: `${basename(this.path)}.gdb.output` });
    const metrics = { checks: result.checks, matched: result.matched };
    if (trace.aborted !== undefined) {
      return { pass: false, reason: trace.aborted, metrics, report: `${trace.aborted}\n${result.report}` };
    }
    if (result.pass) return { pass: true, metrics, report: result.report };
    const first = result.diagnostics[0]?.split('\n')[0] ?? 'FileCheck failed';
    return { pass: false, reason: first, metrics, report: `${result.report}\n\nDebugger output was:\n${gdbOutput(trace)}` };
  }
}

function parse(source: TestSource): LlgdbTest {
  const commands = debuggerCommands(source.text);
  if (commands.length === 0) throw new DirectiveError(source.path, 1, 'no DEBUGGER: commands');
  let checks: CheckDirective[];
  try {
    checks = readCheckDirectives(source.text, { checkFile: source.path });
    validateCheckDirectives(checks, { checkFile: source.path });
  } catch (e) {
    if (e instanceof CheckSyntaxError) throw new DirectiveError(source.path, e.line, e.reason);
    throw e;
  }
  if (checks.length === 0) throw new DirectiveError(source.path, 1, "no check strings found with prefix 'CHECK:'");
  const { flags, notes } = litFlags(source.text, source.path);
  return new LlgdbTest(source.path, commands, checks, flags, notes);
}

export const llgdb: Format = {
  name: 'llgdb',
  detect: (text) => text.split('\n').some((l) => debuggerLine.test(l)),
  parse,
};
