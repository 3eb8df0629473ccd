/**
 * What a test format sees of the debugger: a program stopped at a place, stepped or continued,
 * its frames and the values of expressions. src/check/gdb.ts implements it over GDB/MI, for the
 * program linked natively or by `jitdbg run`; the formats never know which.
 */

/** One frame of the program, leaf first. Frames of the host (Node, libc) below the program's entry are not listed. */
export interface Frame {
  /** The function as GDB names it (`fact`, `ns::Point::norm() const` comes back as `ns::Point::norm`). */
  function: string | undefined;
  /** The source file's absolute path (GDB's fullname), undefined without line information. */
  file: string | undefined;
  line: number | undefined;
  /** GDB reports no column: always undefined today, kept so that a step's place reads as Dexter's. */
  column?: number;
  /** The pc, hexadecimal. Differs between native and JIT links: never compared. */
  address: string | undefined;
}

/** Why the program stopped. `exited` and `signalled` end the run. */
export type StopReason = 'breakpoint' | 'step' | 'finish' | 'signal' | 'exited' | 'signalled' | 'other';

export interface Stop {
  reason: StopReason;
  /** The breakpoint numbers that caused the stop (reason breakpoint). */
  breakpoints: number[];
  /** The exit status (reason exited) or the signal's name (signal, signalled). */
  exitCode?: number;
  signal?: string;
  /** Frame 0 of the stop; frames() gives the whole stack. */
  frame: Frame | undefined;
}

/** An expression evaluated in a frame, as Dexter's ValueIR records it. */
export interface Evaluation {
  expression: string;
  /** The value as GDB prints it (`5`, `0x4010 "abc"`, `{x = 1, y = 2}`), undefined when it could not be evaluated. */
  value: string | undefined;
  /** The type as GDB names it (`int`, `char *`), undefined when unknown. */
  type: string | undefined;
  /** GDB's error message when the expression could not be evaluated (e.g. `No symbol "x" in current context.`). */
  error?: string;
  /** GDB printed `<optimized out>`. */
  optimizedOut: boolean;
  /** The variable exists but its value cannot be read (`<unavailable>`, `Cannot access memory ...`). */
  irretrievable: boolean;
}

export type BreakLocation = { file: string; line: number } | { function: string };

/** Raised when a test exceeds its time or step budget; the run ends and the test fails with `message`. */
export class BudgetExceeded extends Error {}

/** The program ended before reaching its entry (under the JIT: jitdbg could not link it); the message says what it printed. */
export class StartFailed extends Error {}

/** GDB refused a CLI command (`cli`): the message is GDB's, as it prints it. */
export class CommandError extends Error {}

export interface StartOptions {
  /**
   * Stop at the entry function's first instruction, before its prologue, instead of on its first
   * line: a breakpoint the test then sets on that line is still ahead (llgdb's `break main`, `run`).
   */
  beforePrologue?: boolean;
}

export interface Debugger {
  /** The test's source files, absolute: a step is "in the test" when frame 0 is in one of them. */
  readonly sources: readonly string[];
  /**
   * Starts the program and stops on the first line of its entry function (main), all of its
   * code loaded: breakpoints set from here resolve at once, natively and under the JIT alike.
   */
  start(options?: StartOptions): Promise<Stop>;
  /** A breakpoint at a line or a function, with an optional condition (a C expression); returns its number. */
  breakAt(where: BreakLocation, condition?: string): Promise<number>;
  deleteBreakpoint(id: number): Promise<void>;
  /** Resumes until a breakpoint, a signal or the exit. */
  continue(): Promise<Stop>;
  /** Steps one source line, into calls that have line information (GDB's step). */
  step(): Promise<Stop>;
  /** Steps one source line over calls (GDB's next). */
  next(): Promise<Stop>;
  /** Runs until the current function returns (GDB's finish; from the outermost frame, continue). */
  stepOut(): Promise<Stop>;
  /**
   * The stack at the current stop, leaf first, program frames only: on the main thread, the
   * frames up to the entry function (main), and none once the entry has returned (what is left
   * then is libc's natively and Node's under the JIT); on another thread, all of its frames.
   */
  frames(): Promise<Frame[]>;
  /** Evaluates an expression in frame `frame` (0 = leaf) of the current stop. */
  evaluate(expression: string, frame?: number): Promise<Evaluation>;
  /**
   * Runs a GDB CLI command and returns what it printed, as `gdb -batch -x SCRIPT` prints it: for
   * run-control commands (run, continue, step, finish...) what was printed until the program
   * stopped, without the lines GDB prints only to a terminal ("Continuing.", "Run till exit
   * from ..."). `run`/`r` continue from the entry stop, since start() ran the program; the
   * program's own output is not included. Throws CommandError when GDB refuses the command.
   */
  cli(command: string): Promise<string>;
  /** Whether the program has ended (exited or killed by a signal). */
  readonly ended: boolean;
  /** Resumptions so far: start, continue, step, next and stepOut each count one. */
  readonly resumptions: number;
}
