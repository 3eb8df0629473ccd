/**
 * Reads a Dexter script from a test source: the first YAML document (a `---` line up to a line
 * starting with `...`) that is a valid Dexter script, as Dexter's Script.py looks for it. The YAML is
 * read by the `yaml` package with Dexter's tags registered; the node tree is then checked and turned
 * into the types of nodes.ts. Errors carry the line in the test file.
 */
import { dirname } from 'node:path';
import YAML, { isMap, isScalar, isSeq, LineCounter, type CollectionTag, type Node as YamlNode, type Pair, type Scalar, type ScalarTag, type YAMLMap } from 'yaml';
import { DirectiveError } from '../../format.js';
import {
  stateRepr,
  type AddressValue,
  type Child,
  type Expect,
  type Expected,
  type FloatValue,
  type LineRef,
  type LineSpec,
  type Script,
  type StateNode,
} from './nodes.js';

const SCALAR_TAGS = ['!value', '!type', '!step', '!then', '!label', '!address', '!float', '!value/all', '!type/all'];
const MAP_TAGS = ['!where', '!and', '!float'];
const SEQ_TAGS = ['!range', '!float'];

/** Dexter's tags, registered so that the YAML library keeps each node as it was written. */
const customTags: (ScalarTag | CollectionTag)[] = [
  ...SCALAR_TAGS.map((tag): ScalarTag => ({ tag, identify: () => false, resolve: (s: string) => s })),
  ...MAP_TAGS.map((tag): CollectionTag => ({ tag, collection: 'map', identify: () => false, resolve: (m: unknown) => m })),
  ...SEQ_TAGS.map((tag): CollectionTag => ({ tag, collection: 'seq', identify: () => false, resolve: (s: unknown) => s })),
];

/** The tags that make a document a Dexter script, for detection. */
const DEXTER_TAG_RE = /(^|[\s{[,:?])!(where|and|value|type|step|then|label|range|address|float)\b/m;

interface Candidate {
  /** 1-based line of the `---`. */
  start: number;
  /** 1-based line of the closing `...`, or the file's last line. */
  end: number;
  text: string;
  /** Character offset of `text` in the file. */
  offset: number;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') offsets.push(i + 1);
  return offsets;
}

/** The `---` … `...` documents of a file, in order. */
export function candidates(text: string): Candidate[] {
  const lines = text.split('\n');
  const offsets = lineOffsets(text);
  const out: Candidate[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.replace(/\r$/, '') !== '---') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && !lines[j]!.startsWith('...')) j++;
    const bodyStart = offsets[i + 1] ?? text.length;
    const bodyEnd = j < lines.length ? offsets[j]! : text.length;
    out.push({ start: i + 1, end: Math.min(j + 1, lines.length), text: text.slice(bodyStart, bodyEnd), offset: bodyStart });
    i = j + 1;
  }
  return out;
}

/** Whether a source holds a Dexter script: a `---` … `...` document whose YAML uses Dexter's tags at its root. */
export function detectScript(text: string): boolean {
  return candidates(text).some((c) => /^(\? )?!where\b/m.test(c.text) && DEXTER_TAG_RE.test(c.text));
}

/** `!dex_label NAME` anywhere on a line names that line; the first occurrence of a name wins. */
export function scanLabels(text: string): Map<string, number> {
  const labels = new Map<string, number>();
  const lines = text.split('\n');
  const re = /!dex_label ([a-zA-Z_]\w*)/;
  lines.forEach((line, idx) => {
    const m = re.exec(line);
    if (m && !labels.has(m[1]!)) labels.set(m[1]!, idx + 1);
  });
  return labels;
}

/** Parses `NAME`, `NAME + N`, `NAME - N` (labels and addresses share the form). */
export function parseNameOffset(text: string): { name: string; offset: number } | undefined {
  const t = text.trim();
  const m = /^([a-zA-Z_]\w*)\s*(?:([+-])\s*(\d+))?$/.exec(t);
  if (!m) return undefined;
  const n = m[3] === undefined ? 0 : Number(m[3]);
  return { name: m[1]!, offset: m[2] === '-' ? -n : n };
}

/**
 * The `yaml` package (2.9.1) rejects a flow mapping used as an implicit key after the first entry
 * of a nested block mapping (`!value x: 1` then `!and {lines: 3}:` on the next line), which PyYAML,
 * and so Dexter, reads. Each state node's `!where {...}` / `!and {...}` key is therefore swapped for
 * a plain placeholder of the same length, keeping every offset, and read on its own.
 */
function protectStateKeys(text: string): { text: string; keys: Map<number, number> } {
  const keys = new Map<number, number>();
  let out = '';
  let last = 0;
  const re = /^([ \t]*(?:\?[ \t]+)?)!(?:where|and)[ \t]*\{/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[1]!.length;
    let depth = 0;
    let quote: string | undefined;
    let end = -1;
    for (let i = start; i < text.length && text[i] !== '\n'; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (--depth === 0) {
          end = i + 1;
          break;
        }
      }
    }
    if (end < 0) continue;
    keys.set(start, end);
    out += text.slice(last, start) + '_'.repeat(end - start);
    last = end;
  }
  return { text: out + text.slice(last), keys };
}

/** `text` with everything outside [start, end) blanked, lines kept: a node parsed from it keeps its offsets. */
function isolate(text: string, start: number, end: number): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

class ScriptError extends Error {
  constructor(readonly pos: number | undefined, message: string) {
    super(message);
  }
}

function pos(node: YamlNode | null | undefined): number | undefined {
  return node?.range?.[0];
}

function fail(node: YamlNode | null | undefined, message: string): never {
  throw new ScriptError(pos(node), message);
}

class Builder {
  private nextId = 0;
  readonly states: StateNode[] = [];
  readonly expects: Expect[] = [];

  constructor(
    private readonly cand: Candidate,
    private readonly counter: LineCounter,
    private readonly stateKeys: Map<number, number>,
  ) {}

  fileLine(offset: number | undefined): number {
    if (offset === undefined) return this.cand.start;
    return this.cand.start + this.counter.linePos(offset).line;
  }

  /** The text of a scalar as written for plain scalars (so `1.0` stays `1.0`), its value otherwise. */
  scalarText(node: Scalar): string {
    if (node.type === 'PLAIN' && node.range) return this.cand.text.slice(node.range[0], node.range[1]).trim();
    return String(node.value);
  }

  int(node: YamlNode | null, what: string): number {
    if (isScalar(node) && !node.tag && typeof node.value === 'number' && Number.isInteger(node.value)) return node.value;
    fail(node, `${what} must be an integer`);
  }

  lineRef(node: YamlNode | null, what: string): LineRef {
    if (isScalar(node) && node.tag === '!label') {
      const parsed = parseNameOffset(String(node.value));
      if (!parsed) fail(node, `invalid !label "${String(node.value)}"`);
      return { label: parsed.name, offset: parsed.offset };
    }
    if (isScalar(node) && !node.tag && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 0)
      return node.value;
    fail(node, `${what} must be a line number or a !label`);
  }

  lines(node: YamlNode | null): LineSpec {
    if (isSeq(node)) {
      if (node.tag !== '!range') fail(node, 'lines must be a line, a !label or a !range');
      if (node.items.length !== 2) fail(node, 'range must have exactly 2 int elements');
      const [a, b] = node.items as YamlNode[];
      return { start: this.lineRef(a ?? null, 'a !range bound'), stop: this.lineRef(b ?? null, 'a !range bound') };
    }
    const ref = this.lineRef(node, 'lines');
    return { start: ref, stop: ref };
  }

  state(kind: 'where' | 'and', keyNode: YAMLMap, parent: StateNode | undefined): StateNode {
    const attrs: Partial<StateNode> = {};
    for (const item of keyNode.items as Pair<YamlNode, YamlNode | null>[]) {
      const k = isScalar(item.key) ? String(item.key.value) : undefined;
      const v = item.value;
      switch (k) {
        case 'file':
          if (!isScalar(v) || typeof v.value !== 'string') fail(v ?? item.key, 'file must be a string');
          attrs.file = v.value;
          break;
        case 'function':
          if (!isScalar(v) || v.value === null || v.tag) fail(v ?? item.key, 'function must be a function name');
          attrs.function = String(v.value);
          break;
        case 'lines':
          attrs.lines = this.lines(v);
          break;
        case 'at_frame_idx':
          attrs.atFrameIdx = this.int(v, 'at_frame_idx');
          break;
        case 'for_hit_count':
          attrs.forHitCount = this.int(v, 'for_hit_count');
          break;
        case 'after_hit_count':
          attrs.afterHitCount = this.int(v, 'after_hit_count');
          break;
        case 'conditions':
          if (!isScalar(v) || v.value === null) fail(v ?? item.key, 'conditions must be an expression');
          attrs.conditions = this.scalarText(v);
          break;
        default:
          fail(item.key as YamlNode, `unexpected attributes ${k ?? String(item.key)}`);
      }
    }
    const tagName = kind === 'and' ? '!and' : '!where';
    if (attrs.atFrameIdx !== undefined && kind !== 'and') fail(keyNode, 'at_frame_idx can only be used with !and nodes');
    if (attrs.function !== undefined && attrs.lines !== undefined)
      fail(keyNode, `${tagName} cannot have both function and lines`);
    if (attrs.file !== undefined && attrs.lines === undefined) fail(keyNode, `${tagName} with file needs lines`);
    if (attrs.function === undefined && attrs.lines === undefined && (attrs.forHitCount !== undefined || attrs.afterHitCount !== undefined))
      fail(keyNode, "can't check hit counts without an explicit lines or function arg");
    const base = {
      kind,
      id: this.nextId++,
      line: this.fileLine(pos(keyNode)),
      ...attrs,
      parent,
      children: [] as Child[],
    };
    const node: StateNode = { ...base, repr: stateRepr(base) };
    this.states.push(node);
    return node;
  }

  float(node: YamlNode): FloatValue {
    const num = (n: YamlNode | null | undefined, what: string): number => {
      const s = isScalar(n) ? String(n.value).trim() : '';
      const v = Number(s);
      if (s === '' || !Number.isFinite(v)) fail(n ?? node, `!float received non-float value: ${what}`);
      return v;
    };
    if (isScalar(node)) {
      const s = String(node.value);
      const [v, r] = s.split('+-', 2) as [string, string | undefined];
      const value = Number(v.trim());
      const range = r === undefined ? undefined : Number(r.trim());
      if (v.trim() === '' || !Number.isFinite(value) || (range !== undefined && (r!.trim() === '' || !Number.isFinite(range))))
        fail(node, `!float received non-float value: ${s}`);
      return { kind: 'float', values: [value], list: false, range };
    }
    if (isSeq(node)) return { kind: 'float', values: (node.items as YamlNode[]).map((i) => num(i, String(i))), list: true, range: undefined };
    if (isMap(node)) {
      let values: number[] | undefined;
      let range: number | undefined;
      for (const item of node.items as Pair<YamlNode, YamlNode | null>[]) {
        const k = isScalar(item.key) ? String(item.key.value) : '';
        if (k === 'values') {
          if (!isSeq(item.value)) fail(item.value ?? item.key, '!float values must be a list');
          values = (item.value.items as YamlNode[]).map((i) => num(i, String(i)));
        } else if (k === 'range') range = num(item.value, String(item.value));
        else fail(item.key, `unexpected !float argument ${k}`);
      }
      if (!values) fail(node, '!float needs values');
      return { kind: 'float', values, list: true, range };
    }
    fail(node, 'invalid args to !float');
  }

  expected(node: YamlNode | null, kind: 'value' | 'type'): Expected {
    if (node === null || node === undefined) return null;
    if (isScalar(node)) {
      if (node.tag === '!address') {
        if (kind === 'type') fail(node, '!address is not a type');
        const parsed = parseNameOffset(String(node.value));
        if (!parsed) fail(node, `Invalid !address identifier "${String(node.value)}"`);
        const a: AddressValue = { kind: 'address', name: parsed.name, offset: parsed.offset };
        return a;
      }
      if (node.tag === '!float') return this.float(node);
      if (node.tag) fail(node, `unexpected ${node.tag} in an expected value`);
      if (node.value === null) return null;
      return this.scalarText(node);
    }
    if (node.tag === '!float') return this.float(node);
    if (node.tag) fail(node, `unexpected ${node.tag} in an expected value`);
    if (isSeq(node)) return (node.items as (YamlNode | null)[]).map((i) => {
      const e = this.expected(i, kind);
      if (e === null) fail(i ?? node, 'a list of expected values cannot hold an empty value');
      return e;
    });
    if (isMap(node)) {
      const entries: [string, Expected][] = [];
      for (const item of node.items as Pair<YamlNode, YamlNode | null>[]) {
        if (!isScalar(item.key) || item.key.tag) fail(item.key, 'a member name must be a plain name');
        const e = this.expected(item.value, kind);
        if (e === null) fail(item.value ?? item.key, `member ${String(item.key.value)} has no expected value`);
        entries.push([String(item.key.value), e]);
      }
      if (entries.length === 0) fail(node, 'an aggregate expected value needs at least one member');
      return { kind: 'map', entries };
    }
    fail(node, 'invalid expected value');
  }

  /** The `!where {...}` / `!and {...}` a placeholder key stands for (see protectStateKeys). */
  stateKey(key: YamlNode): YamlNode | undefined {
    const start = key?.range?.[0];
    const end = start === undefined ? undefined : this.stateKeys.get(start);
    if (start === undefined || end === undefined || !isScalar(key)) return undefined;
    const doc = YAML.parseDocument(isolate(this.cand.text, start, end), { customTags, uniqueKeys: false });
    const err = doc.errors[0];
    if (err) throw new ScriptError(err.pos[0], err.message.split('\n')[0]!);
    return doc.contents as YamlNode;
  }

  /** The span of a map entry in the file, from the start of its line's content to the end of its value. */
  span(key: YamlNode, value: YamlNode | null): { start: number; end: number; keyEnd: number } {
    const keyStart = key.range![0];
    const lineStart = this.cand.text.lastIndexOf('\n', keyStart - 1) + 1;
    const indent = /^[ \t]*/.exec(this.cand.text.slice(lineStart))![0].length;
    const end = value?.range ? Math.max(value.range[1], key.range![1]) : key.range![1];
    return { start: this.cand.offset + lineStart + indent, end: this.cand.offset + end, keyEnd: this.cand.offset + key.range![1] };
  }

  block(map: YAMLMap, parent: StateNode | undefined): Child[] {
    const out: Child[] = [];
    for (const item of map.items as Pair<YamlNode, YamlNode | null>[]) {
      const key = this.stateKey(item.key) ?? item.key;
      const value = item.value;
      if (isMap(key) && (key.tag === '!where' || key.tag === '!and')) {
        const kind = key.tag === '!and' ? 'and' : 'where';
        if (!parent && kind === 'and') fail(key, '!and cannot appear at the root of the script');
        if (parent?.atFrameIdx !== undefined && kind === 'where')
          fail(key, 'an !and with at_frame_idx cannot contain !where nodes');
        const node = this.state(kind, key, parent);
        if (isScalar(value) && value.tag === '!then') {
          const cmd = String(value.value);
          if (cmd !== 'finish' && cmd !== 'step_out') fail(value, `Invalid !then command "${cmd}"`);
          node.then = { kind: 'then', command: cmd, line: this.fileLine(pos(value)) };
        } else if (isMap(value) && !value.tag) {
          node.children = this.block(value, node);
        } else if (value === null || (isScalar(value) && value.value === null && !value.tag)) {
          // A state node without children: it still steers the debugger.
        } else {
          fail(value, `the children of ${key.tag} must be a mapping of nodes or a !then`);
        }
        out.push(node);
        continue;
      }
      if (isScalar(key) && key.tag && ['!value', '!type', '!step', '!value/all', '!type/all'].includes(key.tag)) {
        if (!parent) fail(key, `${key.tag} must be the child of a !where or !and`);
        const line = this.fileLine(pos(key));
        const span = this.span(key, value);
        const name = key.value === null ? '' : String(key.value).trim();
        if (key.tag === '!step') {
          if (name !== 'exactly' && name !== 'at_least' && name !== 'never') fail(key, `invalid !step kind "${name}"`);
          let expected: LineRef[] | null = null;
          if (value !== null && !(isScalar(value) && value.value === null && !value.tag)) {
            if (!isSeq(value) || value.tag) fail(value, '!step expects a list of lines');
            expected = (value.items as (YamlNode | null)[]).map((i) => this.lineRef(i, 'a !step line'));
          }
          const e: Expect = { kind: 'step', id: this.nextId++, line, stepKind: name, expected, parent, span };
          this.expects.push(e);
          out.push(e);
          continue;
        }
        if (name === '') fail(key, `${key.tag} needs a variable name`);
        if (key.tag === '!value/all' || key.tag === '!type/all') {
          if (value !== null && !(isScalar(value) && value.value === null)) fail(value, `${key.tag} cannot have expected values`);
          const e: Expect = { kind: key.tag === '!value/all' ? 'value/all' : 'type/all', id: this.nextId++, line, scope: name, parent, span };
          this.expects.push(e);
          out.push(e);
          continue;
        }
        const kind = key.tag === '!type' ? 'type' : 'value';
        const e: Expect = { kind, id: this.nextId++, line, expression: name, expected: this.expected(value, kind), parent, span };
        this.expects.push(e);
        out.push(e);
        continue;
      }
      fail(key, `Found unexpected node: ${key === null ? 'null' : (key as YamlNode).tag ?? String(key)}`);
    }
    return out;
  }

  build(doc: YAML.Document.Parsed): StateNode[] {
    const contents = doc.contents;
    if (!isMap(contents) || contents.tag) fail(contents, 'a Dexter script is a mapping of !where nodes');
    const roots = this.block(contents, undefined);
    if (roots.length === 0) fail(contents, 'the script has no !where nodes');
    return roots as StateNode[];
  }
}

function tryCandidate(file: string, cand: Candidate): Script {
  const counter = new LineCounter();
  const prot = protectStateKeys(cand.text);
  const doc = YAML.parseDocument(prot.text, { customTags, lineCounter: counter, uniqueKeys: false, prettyErrors: false });
  const builder = new Builder(cand, counter, prot.keys);
  let roots: StateNode[];
  try {
    const err = doc.errors[0];
    if (err) throw new ScriptError(err.pos[0], err.message.split('\n')[0]!);
    const warn = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (warn) throw new ScriptError(warn.pos[0], warn.message.split('\n')[0]!);
    roots = builder.build(doc);
  } catch (e) {
    if (!(e instanceof ScriptError)) throw e;
    throw new DirectiveError(file, builder.fileLine(e.pos), e.message);
  }
  return {
    file,
    baseDir: dirname(file),
    roots,
    states: builder.states,
    expects: builder.expects,
    docStart: cand.start,
    docEnd: cand.end,
  };
}

/** Reads the first valid Dexter script in `text`; throws DirectiveError for the first candidate that is not one. */
export function parseScript(file: string, text: string): Script {
  const cands = candidates(text);
  let first: DirectiveError | undefined;
  for (const cand of cands) {
    try {
      return tryCandidate(file, cand);
    } catch (e) {
      if (!(e instanceof DirectiveError)) throw e;
      if (!first && DEXTER_TAG_RE.test(cand.text)) first = e;
    }
  }
  if (first) throw first;
  throw new DirectiveError(file, 1, 'no Dexter script found (a YAML document between a `---` line and a `...` line)');
}
