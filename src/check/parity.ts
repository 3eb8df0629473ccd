/**
 * Parity: the native run and the JIT run of one test must show the same thing at every step:
 * the same frames (function, file, line), the same watched values, the same command output.
 * Addresses are the only thing allowed to differ, since the two links place code and data apart.
 */
import { basename } from 'node:path';
import type { Evaluation, Frame } from './debugger.js';
import type { Step, Trace } from './format.js';

export interface Difference {
  file: string;
  /** The step's index (1-based), as the reports number them. */
  step: number;
  native: string;
  jit: string;
}

export function differences(file: string, native: Trace, jit: Trace): Difference[] {
  const out: Difference[] = [];
  const steps = Math.max(native.steps.length, jit.steps.length);
  for (let i = 0; i < steps; i++) {
    const n = native.steps[i];
    const j = jit.steps[i];
    if (!n || !j) {
      out.push({ file, step: i + 1, native: n ? describeStep(n) : '(no such step: the run ended)', jit: j ? describeStep(j) : '(no such step: the run ended)' });
      // Past the end of one run every further step differs; one line says so.
      break;
    }
    const differ = (a: string, b: string) => {
      if (normal(a) !== normal(b)) out.push({ file, step: i + 1, native: a, jit: b });
    };
    differ(describeFrames(n.frames), describeFrames(j.frames));
    for (const expression of new Set([...Object.keys(n.watches), ...Object.keys(j.watches)])) {
      differ(describeValue(expression, n.watches[expression]), describeValue(expression, j.watches[expression]));
    }
    // Command output is compared whole (blanks and line breaks too), shown on one line.
    if (n.command !== undefined && normal(n.output ?? '') !== normal(j.output ?? '')) {
      out.push({ file, step: i + 1, native: describeStep(n), jit: describeStep(j) });
    }
  }
  if (native.exitCode !== jit.exitCode && out.length === 0) {
    out.push({ file, step: steps, native: `exit status ${native.exitCode ?? '(none)'}`, jit: `exit status ${jit.exitCode ?? '(none)'}` });
  }
  return out;
}

/** `fact (fact.c:5) < main (fact.c:12)`: the stack as one line, leaf first. */
export function describeFrames(frames: readonly Frame[]): string {
  if (frames.length === 0) return '(no frames)';
  return frames.map((f) => `${f.function ?? '??'} (${f.file ? basename(f.file) : '??'}:${f.line ?? '?'})`).join(' < ');
}

export function describeValue(expression: string, e: Evaluation | undefined): string {
  if (!e) return `${expression}: not evaluated`;
  if (e.value !== undefined) return `${expression} = ${e.value}`;
  return `${expression}: ${e.error ?? 'no value'}`;
}

function describeStep(s: Step): string {
  return s.command !== undefined ? `${s.command}: ${oneLine(s.output)}` : describeFrames(s.frames);
}

function oneLine(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s*\n\s*/g, ' | ');
}

/**
 * Addresses masked (`0x401136` and `0x7ffff7a1c040` both read `0x…`), and so are LWPs; the
 * `Thread N "name" hit` that names a stop's thread (Node has threads of its own, so GDB names
 * them where a native program's first stops are not) and the line that stands for Node's frames
 * below the JIT'd entry in a backtrace (gdb-scripts/jitdbg/jit_code.py) left out.
 */
function normal(text: string): string {
  return text
    .replace(/^#\d+ +<\d+ host frames? elided[^\n]*\n?/gm, '')
    .replace(/^Thread \d+ "[^"\n]*" hit /gm, '')
    .replace(/\(LWP \d+\)/g, '(LWP …)')
    .replace(/0x[0-9a-f]+/gi, '0x…');
}
