/**
 * Driving the debugger from a script (Dexter's ScriptDebuggerController). Breakpoints are set for
 * the root `!where` nodes; at each stop the state nodes are matched against the stack and then:
 *  - an active `!then finish` ends the run, an active `!then step_out` steps out;
 *  - else, if a node matches the leaf frame, step over one line (GDB's next);
 *  - else, if a node matches a frame further up, step out;
 *  - else, if every root node has run out its for_hit_count, end the run;
 *  - else continue to the next breakpoint.
 * Breakpoints of nested `!where`s are set while their parent matches the leaf (so that a call into
 * them is caught) and removed once they are no longer pending or a step out is due.
 */
import type { BreakLocation, Debugger, Frame, Stop } from '../../debugger.js';
import { watchKey, type RunLimits, type Trace } from '../../format.js';
import type { ScriptStep } from './evaluate.js';
import type { Script, StateNode } from './nodes.js';
import { knownFile, NeedCondition, StateMatcher, type Labels, type StateMatch } from './state.js';
import { conditionHolds, memberExpressions } from './values.js';

type Action = 'next' | 'stepOut' | 'continue' | 'exit';

export async function recordScript(script: Script, labels: Labels, dbg: Debugger, limits: RunLimits): Promise<Trace> {
  const trace: Trace = { steps: [] };
  const matcher = new StateMatcher(script, labels);
  const bps = new Map<StateNode, number[]>();
  const roots = new Set(script.roots);

  const addEntryBreakpoints = async (node: StateNode, defaultFile: string | undefined): Promise<void> => {
    const ids: number[] = [];
    if (node.function !== undefined) ids.push(await dbg.breakAt({ function: node.function }));
    else if (node.lines) {
      const file = node.file ?? defaultFile ?? knownFile(node, script) ?? script.file;
      const start = labels.line(node.lines.start, file);
      const stop = labels.line(node.lines.stop, file);
      if (start !== undefined && stop !== undefined) {
        const path = labels.resolvePath(file);
        for (let line = start; line <= stop; line++) {
          const where: BreakLocation = { file: path, line };
          try {
            ids.push(await dbg.breakAt(where));
          } catch {
            // A line without code in a range: Dexter's debuggers skip it too.
          }
        }
      }
    }
    bps.set(node, ids);
  };

  let stop: Stop = await dbg.start();
  for (const root of script.roots) await addEntryBreakpoints(root, script.file);

  let first = true;
  while (!dbg.ended && stop.reason !== 'exited' && stop.reason !== 'signalled') {
    const frames: Frame[] = await dbg.frames();
    const hitWheres = new Set<number>();
    for (const [node, ids] of bps) if (ids.some((id) => stop.breakpoints.includes(id))) hitWheres.add(node.id);

    // Match, evaluating the conditions the match asks for; a retry starts from the same state.
    const watches: ScriptStep['watches'] = {};
    const known = new Map<string, boolean>();
    const before = matcher.snapshot();
    let state: StateMatch;
    for (;;) {
      const snap = matcher.snapshot();
      try {
        state = matcher.match(frames, hitWheres, (idx, cond) => {
          const v = known.get(watchKey(cond, idx));
          if (v === undefined) throw new NeedCondition(idx, cond);
          return v;
        });
        break;
      } catch (e) {
        if (!(e instanceof NeedCondition)) throw e;
        matcher.restore(snap);
        const key = watchKey(e.condition, e.frameIdx);
        const ev = await dbg.evaluate(e.condition, e.frameIdx);
        watches[key] = ev;
        known.set(key, conditionHolds(ev));
      }
    }

    // The entry stop on main's first line counts only when the script would have stopped there.
    if (first && state.matches.size === 0 && state.early.size === 0 && !stop.breakpoints.length) {
      first = false;
      matcher.restore(before);
      if (dbg.resumptions >= limits.maxSteps) {
        trace.aborted = `the step budget (${limits.maxSteps} resumptions) ran out`;
        return trace;
      }
      stop = await dbg.continue();
      continue;
    }
    first = false;

    // Watches: every expression the active expects need, in the frame their node matched.
    for (const wm of state.matches.values()) {
      for (const e of wm.activeExpects) {
        if (e.kind !== 'value' && e.kind !== 'type') continue;
        for (const expr of [e.expression, ...memberExpressions(e.expression, e.expected)]) {
          const key = watchKey(expr, wm.frameIdx);
          if (!(key in watches)) watches[key] = await dbg.evaluate(expr, wm.frameIdx);
        }
      }
    }

    const thens = [...state.matches.values()].flatMap((wm) => wm.activeThens);
    const stepOut = thens.some((t) => t.command === 'step_out');
    let action: Action;
    if (thens.some((t) => t.command === 'finish')) action = 'exit';
    else if (stepOut) action = 'stepOut';
    else if ([...state.matches.values()].some((wm) => wm.frameIdx === 0)) action = 'next';
    else if (state.matches.size > 0) action = 'stepOut';
    else if (script.roots.every((r) => matcher.expired.has(r))) action = 'exit';
    else action = 'continue';

    // Breakpoints: drop those no longer wanted, then set those of newly pending nested nodes.
    const pending = new Set([...state.matches.values()].flatMap((wm) => wm.pending));
    const wanted = (node: StateNode): boolean => {
      if (matcher.expired.has(node)) return false;
      if (roots.has(node)) return true;
      if (stepOut) return false;
      return pending.has(node);
    };
    for (const [node, ids] of bps) {
      if (ids.length && !wanted(node)) {
        for (const id of ids) await dbg.deleteBreakpoint(id);
        bps.set(node, []);
      }
    }
    for (const node of pending) if (!bps.get(node)?.length && wanted(node)) await addEntryBreakpoints(node, undefined);

    const step: ScriptStep = { index: trace.steps.length + 1, frames, watches, hitWheres: [...hitWheres] };
    if (frames.length) trace.steps.push(step);

    if (action === 'exit') return trace;
    if (dbg.resumptions >= limits.maxSteps) {
      trace.aborted = `the step budget (${limits.maxSteps} resumptions) ran out at step ${trace.steps.length}`;
      return trace;
    }
    stop =
      action === 'next' ? await dbg.next() : action === 'stepOut' ? await dbg.stepOut() : await dbg.continue();
  }
  if (stop.reason === 'exited' && stop.exitCode !== undefined) trace.exitCode = stop.exitCode;
  return trace;
}
