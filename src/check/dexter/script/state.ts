/**
 * Matching state nodes against the stack at one stop (Dexter's StateMatch.py). Root `!where` nodes
 * match the root-most frame they can; a nested `!where` the frame its parent's frame called; an `!and`
 * its parent's frame (or frame `at_frame_idx`). Hit counts and conditions carry across stops, so one
 * StateMatcher runs over a whole recording, in order: the controller uses it to steer the debugger,
 * and the judge replays it over the recorded steps to find what was active at each.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import type { Frame } from '../../debugger.js';
import { scanLabels } from './parse.js';
import type { Expect, LineRef, Script, StateNode, ThenNode } from './nodes.js';
import { isState } from './nodes.js';

/** The `!dex_label`s of files, read once each; the test file's from its text. */
export class Labels {
  private readonly cache = new Map<string, Map<string, number>>();

  constructor(private readonly script: Script, testText: string) {
    this.cache.set(script.file, scanLabels(testText));
  }

  resolvePath(file: string): string {
    return isAbsolute(file) ? file : join(this.script.baseDir, file);
  }

  of(file: string): Map<string, number> {
    const path = this.resolvePath(file);
    let labels = this.cache.get(path);
    if (!labels) {
      try {
        labels = scanLabels(readFileSync(path, 'utf8'));
      } catch {
        labels = new Map();
      }
      this.cache.set(path, labels);
    }
    return labels;
  }

  /** The line a reference names in `file`, undefined for a label the file does not hold. */
  line(ref: LineRef, file: string | undefined): number | undefined {
    if (typeof ref === 'number') return ref;
    if (file === undefined) return undefined;
    const base = this.of(file).get(ref.label);
    return base === undefined ? undefined : base + ref.offset;
  }
}

/** `superpath` ends with `subpath` once both are normalized (Dexter's is_subpath). */
export function isSubpath(subpath: string, superpath: string): boolean {
  return normalize(superpath).endsWith(normalize(subpath));
}

/**
 * The file a state node's lines refer to when it names none: its own, else that of the `!and`
 * chain's nearest `!where` with a file, else (for line nodes) the test file; none for function nodes.
 */
export function knownFile(node: StateNode, script: Script): string | undefined {
  let where: StateNode | undefined = node;
  if (where.file) return where.file;
  if (where.function) return undefined;
  while (where && where.kind === 'and') {
    where = where.parent;
    if (!where) break;
    if (where.file) return where.file;
    if (where.function) return undefined;
  }
  return script.file;
}

/** The frame a node's children are evaluated in: an `!and` chain's at_frame_idx, else the leaf. */
export function desiredFrame(node: StateNode): number {
  for (let n: StateNode | undefined = node; n; n = n.kind === 'and' ? n.parent : undefined) {
    if (n.atFrameIdx !== undefined) return n.atFrameIdx;
  }
  return 0;
}

export interface WhereMatch {
  frameIdx: number;
  activeExpects: Expect[];
  activeThens: ThenNode[];
  /** Nested `!where`s whose parent matched the leaf: they could match a frame the program steps into. */
  pending: StateNode[];
}

export interface StateMatch {
  matches: Map<StateNode, WhereMatch>;
  /** Nodes that matched but for after_hit_count. */
  early: Set<StateNode>;
}

/** Thrown by a condition oracle that does not know a condition's value yet (the controller then evaluates it). */
export class NeedCondition extends Error {
  constructor(readonly frameIdx: number, readonly condition: string) {
    super(`condition ${condition} in frame ${frameIdx} is not known`);
  }
}

/** The value of `condition` in frame `frameIdx`: from the recording, or throws NeedCondition. */
export type ConditionOracle = (frameIdx: number, condition: string) => boolean;

const enum R {
  False,
  True,
  Early,
}

interface Snapshot {
  hits: Map<StateNode, number>;
  expired: Set<StateNode>;
  last: StateMatch | undefined;
  cache: Map<number, Map<string, boolean>>;
}

export class StateMatcher {
  readonly hits = new Map<StateNode, number>();
  readonly expired = new Set<StateNode>();
  private last: StateMatch | undefined;
  /** Conditions found for frames above the leaf, by frame index counted from the root (Dexter caches these). */
  private cache = new Map<number, Map<string, boolean>>();

  constructor(
    private readonly script: Script,
    private readonly labels: Labels,
  ) {}

  snapshot(): Snapshot {
    return {
      hits: new Map(this.hits),
      expired: new Set(this.expired),
      last: this.last,
      cache: new Map([...this.cache].map(([k, v]) => [k, new Map(v)])),
    };
  }

  restore(s: Snapshot): void {
    this.hits.clear();
    for (const [k, v] of s.hits) this.hits.set(k, v);
    this.expired.clear();
    for (const k of s.expired) this.expired.add(k);
    this.last = s.last;
    this.cache = s.cache;
  }

  private condition(frames: Frame[], frameIdx: number, cond: string, oracle: ConditionOracle): boolean {
    const rev = frames.length - frameIdx - 1;
    let cached = this.cache.get(rev);
    if (!cached) this.cache.set(rev, (cached = new Map()));
    const known = cached.get(cond);
    if (known !== undefined) return known;
    const result = oracle(frameIdx, cond);
    cached.set(cond, result);
    return result;
  }

  private hitIsNew(node: StateNode, hitWheres: ReadonlySet<number>): boolean {
    if (!this.last) return true;
    if (!this.last.matches.has(node) && !this.last.early.has(node)) return true;
    return node.function !== undefined && node.lines === undefined && hitWheres.has(node.id);
  }

  private matchOnce(node: StateNode, frames: Frame[], idx: number, defaultPath: string | undefined, labelFile: string | undefined, oracle: ConditionOracle): R {
    const frame = frames[idx]!;
    let file = node.file;
    if (!file && node.lines && !node.function) file = defaultPath;
    if (file !== undefined && (frame.file === undefined || !isSubpath(file, frame.file))) return R.False;
    if (node.function !== undefined) {
      const fn = frame.function?.split('(')[0];
      if (fn !== node.function) return R.False;
    }
    if (node.lines) {
      const start = this.labels.line(node.lines.start, labelFile);
      const stop = this.labels.line(node.lines.stop, labelFile);
      if (start === undefined || stop === undefined || frame.line === undefined) return R.False;
      if (frame.line < start || frame.line > stop) return R.False;
    }
    const count = this.hits.get(node) ?? 0;
    if (node.forHitCount !== undefined && count > node.forHitCount + (node.afterHitCount ?? 0)) return R.False;
    if (node.conditions !== undefined && !this.condition(frames, idx, node.conditions, oracle)) return R.False;
    if (node.afterHitCount !== undefined && count <= node.afterHitCount) return R.Early;
    return R.True;
  }

  private matchWhere(node: StateNode, frames: Frame[], idx: number, defaultPath: string | undefined, labelFile: string | undefined, hitWheres: ReadonlySet<number>, oracle: ConditionOracle): R {
    let r = this.matchOnce(node, frames, idx, defaultPath, labelFile, oracle);
    if (r === R.Early || (r === R.True && node.forHitCount !== undefined)) {
      if (this.hitIsNew(node, hitWheres)) {
        const n = (this.hits.get(node) ?? 0) + 1;
        this.hits.set(node, n);
        if (node.forHitCount !== undefined && n >= node.forHitCount + (node.afterHitCount ?? 0)) this.expired.add(node);
        r = this.matchOnce(node, frames, idx, defaultPath, labelFile, oracle);
      }
    }
    return r;
  }

  /**
   * Matches the script against one stop. `hitWheres` holds the ids of state nodes whose entry
   * breakpoint caused the stop. Updates hit counts and the previous match.
   */
  match(frames: Frame[], hitWheres: ReadonlySet<number>, oracle: ConditionOracle): StateMatch {
    const matches = new Map<StateNode, WhereMatch>();
    const early = new Set<StateNode>();
    // Drop cached conditions of the leaf frame and of frames no longer on the stack.
    for (const rev of [...this.cache.keys()]) if (rev + 1 >= frames.length) this.cache.delete(rev);

    const visit = (node: StateNode): void => {
      const expectedFile = knownFile(node, this.script);
      if (node.parent) {
        const parentMatch = matches.get(node.parent);
        if (!parentMatch) return;
        let target = node.kind === 'and' ? parentMatch.frameIdx : parentMatch.frameIdx - 1;
        if (target < 0) {
          parentMatch.pending.push(node);
          return;
        }
        if (node.atFrameIdx !== undefined) {
          if (target !== 0 || node.atFrameIdx >= frames.length) return;
          target = node.atFrameIdx;
        }
        const r = this.matchWhere(node, frames, target, undefined, expectedFile ?? frames[target]!.file, hitWheres, oracle);
        if (r === R.True) matches.set(node, { frameIdx: target, activeExpects: [], activeThens: [], pending: [] });
        else if (r === R.Early) early.add(node);
      } else {
        for (let idx = frames.length - 1; idx >= 0; idx--) {
          const r = this.matchWhere(node, frames, idx, this.script.file, expectedFile ?? frames[idx]!.file, hitWheres, oracle);
          if (r === R.True) {
            matches.set(node, { frameIdx: idx, activeExpects: [], activeThens: [], pending: [] });
            break;
          }
          if (r === R.Early) {
            early.add(node);
            break;
          }
        }
      }
      const m = matches.get(node);
      const active = m !== undefined && m.frameIdx === desiredFrame(node);
      if (active && node.then) m.activeThens.push(node.then);
      for (const child of node.children) {
        if (isState(child)) visit(child);
        else if (active) m.activeExpects.push(child);
      }
    };
    for (const root of this.script.roots) visit(root);
    const result = { matches, early };
    this.last = result;
    return result;
  }
}
