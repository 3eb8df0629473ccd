/**
 * The part of Python's difflib that Dexter's scoring depends on: SequenceMatcher's matching
 * blocks and opcodes, and Differ.compare's `-`/`+`/` ` lines. Dexter decides which watched values
 * are misordered and which steps are out of order from this diff, so the same alignment must be
 * chosen (the longest match, earliest in the first sequence, then earliest in the second).
 * Differ's intraline `?` hint lines are not produced: a close pair comes out as `-` then `+`.
 */

type Opcode = ['replace' | 'delete' | 'insert' | 'equal', number, number, number, number];

export class SequenceMatcher<T> {
  private b2j = new Map<T, number[]>();
  private junk = new Set<T>();

  constructor(private readonly a: readonly T[], private readonly b: readonly T[], isJunk?: (x: T) => boolean) {
    b.forEach((x, j) => {
      const l = this.b2j.get(x);
      if (l) l.push(j);
      else this.b2j.set(x, [j]);
    });
    if (isJunk) {
      for (const x of [...this.b2j.keys()]) {
        if (isJunk(x)) {
          this.junk.add(x);
          this.b2j.delete(x);
        }
      }
    }
    // autojunk: in a long b, elements more frequent than 1% + 1 are not used as anchors.
    const n = b.length;
    if (n >= 200) {
      const ntest = Math.floor(n / 100) + 1;
      for (const [x, idxs] of [...this.b2j]) if (idxs.length > ntest) this.b2j.delete(x);
    }
  }

  findLongestMatch(alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
    const { a, b } = this;
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of this.b2j.get(a[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    const isJunk = (x: T): boolean => this.junk.has(x);
    while (besti > alo && bestj > blo && !isJunk(b[bestj - 1]!) && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && !isJunk(b[bestj + bestsize]!) && a[besti + bestsize] === b[bestj + bestsize]) {
      bestsize++;
    }
    while (besti > alo && bestj > blo && isJunk(b[bestj - 1]!) && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && isJunk(b[bestj + bestsize]!) && a[besti + bestsize] === b[bestj + bestsize]) {
      bestsize++;
    }
    return [besti, bestj, bestsize];
  }

  matchingBlocks(): Array<[number, number, number]> {
    const la = this.a.length;
    const lb = this.b.length;
    const queue: Array<[number, number, number, number]> = [[0, la, 0, lb]];
    const blocks: Array<[number, number, number]> = [];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop()!;
      const [i, j, k] = this.findLongestMatch(alo, ahi, blo, bhi);
      if (k) {
        blocks.push([i, j, k]);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    const merged: Array<[number, number, number]> = [];
    let [i1, j1, k1] = [0, 0, 0];
    for (const [i2, j2, k2] of blocks) {
      if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
      else {
        if (k1) merged.push([i1, j1, k1]);
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) merged.push([i1, j1, k1]);
    merged.push([la, lb, 0]);
    return merged;
  }

  opcodes(): Opcode[] {
    let i = 0;
    let j = 0;
    const out: Opcode[] = [];
    for (const [ai, bj, size] of this.matchingBlocks()) {
      const tag = i < ai && j < bj ? 'replace' : i < ai ? 'delete' : j < bj ? 'insert' : undefined;
      if (tag) out.push([tag, i, ai, j, bj]);
      i = ai + size;
      j = bj + size;
      if (size) out.push(['equal', ai, i, bj, j]);
    }
    return out;
  }

  ratio(): number {
    const matches = this.matchingBlocks().reduce((s, [, , k]) => s + k, 0);
    const total = this.a.length + this.b.length;
    return total ? (2 * matches) / total : 1;
  }
}

/** difflib.IS_CHARACTER_JUNK: Differ ignores blanks and tabs when it looks for similar lines. */
const charJunk = (c: string): boolean => c === ' ' || c === '\t';

/** One line of Differ.compare's output: its tag and the element. */
export interface DiffLine {
  tag: '-' | '+' | ' ';
  value: string;
}

/** difflib.Differ().compare(a, b), without the `?` lines. */
export function differCompare(a: readonly string[], b: readonly string[]): DiffLine[] {
  const out: DiffLine[] = [];
  const dump = (tag: DiffLine['tag'], x: readonly string[], lo: number, hi: number): void => {
    for (let i = lo; i < hi; i++) out.push({ tag, value: x[i]! });
  };
  const plainReplace = (alo: number, ahi: number, blo: number, bhi: number): void => {
    if (bhi - blo < ahi - alo) {
      dump('+', b, blo, bhi);
      dump('-', a, alo, ahi);
    } else {
      dump('-', a, alo, ahi);
      dump('+', b, blo, bhi);
    }
  };
  const helper = (alo: number, ahi: number, blo: number, bhi: number): void => {
    if (alo < ahi) {
      if (blo < bhi) fancyReplace(alo, ahi, blo, bhi);
      else dump('-', a, alo, ahi);
    } else if (blo < bhi) dump('+', b, blo, bhi);
  };
  const fancyReplace = (alo: number, ahi: number, blo: number, bhi: number): void => {
    let bestRatio = 0.74;
    const cutoff = 0.75;
    let besti = -1;
    let bestj = -1;
    let eqi: number | undefined;
    let eqj: number | undefined;
    for (let j = blo; j < bhi; j++) {
      const bj = b[j]!;
      for (let i = alo; i < ahi; i++) {
        const ai = a[i]!;
        if (ai === bj) {
          if (eqi === undefined) {
            eqi = i;
            eqj = j;
          }
          continue;
        }
        const r = new SequenceMatcher([...ai], [...bj], charJunk).ratio();
        if (r > bestRatio) {
          bestRatio = r;
          besti = i;
          bestj = j;
        }
      }
    }
    let identical = false;
    if (bestRatio < cutoff) {
      if (eqi === undefined) {
        plainReplace(alo, ahi, blo, bhi);
        return;
      }
      besti = eqi;
      bestj = eqj!;
      identical = true;
    }
    helper(alo, besti, blo, bestj);
    if (identical) out.push({ tag: ' ', value: a[besti]! });
    else {
      out.push({ tag: '-', value: a[besti]! });
      out.push({ tag: '+', value: b[bestj]! });
    }
    helper(besti + 1, ahi, bestj + 1, bhi);
  };
  for (const [tag, alo, ahi, blo, bhi] of new SequenceMatcher(a, b).opcodes()) {
    if (tag === 'replace') fancyReplace(alo, ahi, blo, bhi);
    else if (tag === 'delete') dump('-', a, alo, ahi);
    else if (tag === 'insert') dump('+', b, blo, bhi);
    else dump(' ', a, alo, ahi);
  }
  return out;
}
