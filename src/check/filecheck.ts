/**
 * A subset of LLVM's FileCheck: check directives read from a test source, matched in order against
 * a text, with FileCheck's diagnostics. What is reproduced, as FileCheck 14 does it:
 *
 * - directives `CHECK:`, `CHECK-NEXT:`, `CHECK-SAME:`, `CHECK-NOT:`, `CHECK-DAG:`, `CHECK-LABEL:`,
 *   `CHECK-EMPTY:`, `CHECK-COUNT-n:`, found anywhere in the check file where the prefix is not part
 *   of a longer word; the pattern is the rest of the line, leading and trailing blanks dropped;
 * - whitespace canonicalisation of both files (runs of spaces and tabs are one space, `\r\n` is `\n`)
 *   unless `strictWhitespace`;
 * - patterns: literal text, `{{regex}}` (POSIX extended regular expressions, as llvm::Regex reads
 *   them: a backslash before an ordinary character is that character, `[[:digit:]]` classes, no
 *   match across a newline), `[[VAR:regex]]` definitions and `[[VAR]]` uses (a use on the line of
 *   its definition is a back-reference);
 * - CHECK-NOT between matches, CHECK-DAG groups in any order without overlap, CHECK-LABEL regions
 *   (a failure in one region does not stop the next);
 * - the errors for an empty check file, an empty input, a CHECK-NEXT/SAME/EMPTY with no previous
 *   match, an empty pattern, a bad regex, an undefined variable.
 *
 * Not reproduced: numeric variables `[[#...]]`, `@LINE`, `CHECK{LITERAL}`, `--match-full-lines`,
 * `--implicit-check-not`, `--enable-var-scope`, `-D` definitions, the input dump, the "possible
 * intended match" hint. A regular expression matches leftmost-first (JavaScript) where POSIX
 * matches leftmost-longest: `{{a|ab}}` matches `a` here, `ab` there.
 */

export type CheckKind = 'plain' | 'next' | 'same' | 'not' | 'dag' | 'label' | 'empty';

/** One check directive of a check file. */
export interface CheckDirective {
  kind: CheckKind;
  /** CHECK-COUNT-n: how many consecutive matches; 1 otherwise. */
  count: number;
  /** The pattern text, canonicalised and trimmed. */
  pattern: string;
  /** 1-based line of the directive in the check file. */
  line: number;
  /** 1-based column where the pattern starts (where FileCheck puts its caret). */
  column: number;
  /** The check file's line, as FileCheck quotes it in a diagnostic. */
  lineText: string;
}

export interface FileCheckOptions {
  /** The check prefix; `CHECK` by default. */
  prefix?: string;
  /** --strict-whitespace: runs of blanks are not canonicalised. */
  strictWhitespace?: boolean;
  /** Names in diagnostics: the check file's path and the input's (`<stdin>` by default). */
  checkFile?: string;
  inputName?: string;
}

/** A directive that cannot be used: `line`/`column` name its place in the check file. */
export class CheckSyntaxError extends Error {
  constructor(readonly line: number, readonly column: number, readonly reason: string, readonly diagnostic: string) {
    super(reason);
  }
}

export interface FileCheckResult {
  pass: boolean;
  /** Directives read (CHECK-COUNT-n counts once). */
  checks: number;
  /** Directives that were satisfied. */
  matched: number;
  /** FileCheck's error lines with their notes, one string per error. */
  diagnostics: string[];
  /** The diagnostics joined, or a line saying that every check matched. */
  report: string;
}

const suffixes: Array<[string, CheckKind]> = [
  ['-NEXT', 'next'],
  ['-SAME', 'same'],
  ['-NOT', 'not'],
  ['-DAG', 'dag'],
  ['-LABEL', 'label'],
  ['-EMPTY', 'empty'],
];

const kindName: Record<CheckKind, string> = {
  plain: '',
  next: '-NEXT',
  same: '-SAME',
  not: '-NOT',
  dag: '-DAG',
  label: '-LABEL',
  empty: '-EMPTY',
};

/** `CHECK-NEXT` for a directive of kind next with prefix CHECK. */
export function directiveName(d: CheckDirective, prefix = 'CHECK'): string {
  if (d.kind === 'plain' && d.count > 1) return `${prefix}-COUNT`;
  return prefix + kindName[d.kind];
}

/** FileCheck's canonicalisation of a buffer: `\r\n` → `\n`, and runs of spaces and tabs → one space. */
export function canonicalize(text: string, strictWhitespace = false): string {
  const crlf = text.replace(/\r\n/g, '\n');
  return strictWhitespace ? crlf : crlf.replace(/[ \t]+/g, ' ');
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_-]/.test(c);
}

/**
 * Reads the check directives of a check file as FileCheck does: the prefix anywhere on a line, not
 * preceded by a word character, followed by one of the suffixes and a colon. Throws CheckSyntaxError
 * for an empty pattern, a CHECK-EMPTY with text, or a CHECK-NEXT/SAME/EMPTY with nothing before it.
 */
export function readCheckDirectives(text: string, options: FileCheckOptions = {}): CheckDirective[] {
  const prefix = options.prefix ?? 'CHECK';
  const checkFile = options.checkFile ?? 'check';
  const lines = canonicalize(text, options.strictWhitespace).split('\n');
  const out: CheckDirective[] = [];
  lines.forEach((lineText, i) => {
    let from = 0;
    for (;;) {
      const at = lineText.indexOf(prefix, from);
      if (at < 0) return;
      from = at + 1;
      if (at > 0 && isWordChar(lineText[at - 1])) continue;
      const rest = lineText.slice(at + prefix.length);
      let kind: CheckKind | undefined;
      let count = 1;
      let len = 0;
      if (rest.startsWith(':')) {
        kind = 'plain';
        len = 1;
      } else {
        const countMatch = /^-COUNT-([0-9]+):/.exec(rest);
        if (countMatch) {
          kind = 'plain';
          count = Number(countMatch[1]);
          len = countMatch[0].length;
          if (count === 0) {
            throw syntaxError(checkFile, lineText, i + 1, at + 1, `invalid count in -COUNT specification on prefix '${prefix}'`);
          }
        } else {
          for (const [suffix, k] of suffixes) {
            if (rest.startsWith(suffix + ':')) {
              kind = k;
              len = suffix.length + 1;
              break;
            }
          }
        }
      }
      if (kind === undefined) continue;
      let start = at + prefix.length + len;
      while (lineText[start] === ' ' || lineText[start] === '\t') start++;
      const pattern = lineText.slice(start).replace(/[ \t]+$/, '');
      const d: CheckDirective = { kind, count, pattern, line: i + 1, column: start + 1, lineText };
      const name = directiveName(d, prefix);
      if (pattern === '' && kind !== 'empty') {
        throw syntaxError(checkFile, lineText, i + 1, start + 1, `found empty check string with prefix '${prefix}:'`);
      }
      if (pattern !== '' && kind === 'empty') {
        throw syntaxError(checkFile, lineText, i + 1, start + 1, `found non-empty check string for empty check with prefix '${prefix}:'`);
      }
      if ((kind === 'next' || kind === 'same' || kind === 'empty') && !out.some((o) => o.kind !== 'not' && o.kind !== 'dag')) {
        throw syntaxError(checkFile, lineText, i + 1, at + 1, `found '${name}' without previous '${prefix}: line`);
      }
      out.push(d);
      return;
    }
  });
  return out;
}

function caret(lineText: string, column: number): string {
  return `${lineText}\n${' '.repeat(Math.max(0, column - 1))}^`;
}

function syntaxError(file: string, lineText: string, line: number, column: number, reason: string): CheckSyntaxError {
  return new CheckSyntaxError(line, column, reason, `${file}:${line}:${column}: error: ${reason}\n${caret(lineText, column)}`);
}

// ---------------------------------------------------------------------------------------------
// Patterns

type Piece =
  | { kind: 'literal'; text: string }
  | { kind: 'regex'; source: string }
  | { kind: 'define'; name: string; source: string; group: number }
  | { kind: 'use'; name: string; backref?: number };

interface CompiledPattern {
  directive: CheckDirective;
  /** Set for a pattern without regex parts: a plain substring search. */
  fixed?: string;
  pieces: Piece[];
  /** Variables defined, with their capture group. */
  defines: Array<{ name: string; group: number }>;
  /** Variables used from earlier lines. */
  uses: string[];
}

const posixClasses: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/**
 * Translates a POSIX extended regular expression, as llvm::Regex reads it with REG_NEWLINE, into a
 * JavaScript one. Returns the source and the number of capture groups, or the error llvm::Regex
 * would give.
 */
export function translateRegex(src: string): { source: string; groups: number } | { error: string } {
  let out = '';
  let groups = 0;
  let depth = 0;
  // Whether the previous item can be an alternative's first element: at start, after ( or |.
  let atAlternativeStart = true;
  // Set when the current alternative holds only a `^`.
  let anchorOnly = false;
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c !== '^' && c !== '*' && c !== '+' && c !== '?' && c !== '{') anchorOnly = false;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) return { error: 'trailing backslash (\\)' };
      if (/[1-9]/.test(n)) {
        if (Number(n) > groups) return { error: 'invalid backreference number' };
        out += `\\${n}`;
      } else out += /[A-Za-z0-9_]/.test(n) ? n : `\\${n}`;
      i += 2;
      atAlternativeStart = false;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (src[j] === '^') {
        cls += '^\\n';
        j++;
      }
      if (src[j] === ']') {
        cls += '\\]';
        j++;
      }
      let closed = false;
      while (j < src.length) {
        const d = src[j]!;
        if (d === ']') {
          closed = true;
          j++;
          break;
        }
        if (d === '[' && (src[j + 1] === ':' || src[j + 1] === '=' || src[j + 1] === '.')) {
          const kind = src[j + 1]!;
          const end = src.indexOf(`${kind}]`, j + 2);
          if (end < 0) return { error: 'brackets ([ ]) not balanced' };
          const name = src.slice(j + 2, end);
          if (kind === ':') {
            const mapped = posixClasses[name];
            if (mapped === undefined) return { error: 'invalid character class' };
            cls += mapped;
          } else {
            cls += name.replace(/[\\\]\[^-]/g, (m) => `\\${m}`);
          }
          j = end + 2;
          continue;
        }
        // Inside a bracket expression a backslash is itself, and so are [ and ^.
        cls += d === '\\' || d === '[' || d === '^' ? `\\${d}` : d;
        j++;
      }
      if (!closed) return { error: 'brackets ([ ]) not balanced' };
      out += `${cls}]`;
      i = j;
      atAlternativeStart = false;
      continue;
    }
    if (c === '(') {
      if (src[i + 1] === ')') return { error: 'empty (sub)expression' };
      depth++;
      groups++;
      out += '(';
      i++;
      atAlternativeStart = true;
      continue;
    }
    if (c === ')') {
      if (depth === 0) return { error: 'parentheses not balanced' };
      if (atAlternativeStart && !anchorOnly) return { error: 'empty (sub)expression' };
      depth--;
      out += ')';
      i++;
      atAlternativeStart = false;
      continue;
    }
    if (c === '|') {
      if (atAlternativeStart && !anchorOnly) return { error: 'empty (sub)expression' };
      out += '|';
      i++;
      atAlternativeStart = true;
      continue;
    }
    if (c === '{') {
      if (/[0-9]/.test(src[i + 1] ?? '')) {
        const bound = /^\{([0-9]+)(,([0-9]*))?\}/.exec(src.slice(i));
        if (!bound) return { error: 'braces not balanced' };
        if (bound[3] !== undefined && bound[3] !== '' && Number(bound[3]) < Number(bound[1])) {
          return { error: 'invalid repetition count(s)' };
        }
        if (atAlternativeStart) return { error: 'repetition-operator operand invalid' };
        out += bound[0];
        i += bound[0].length;
        continue;
      }
      out += '\\{';
      i++;
      atAlternativeStart = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      if (atAlternativeStart) return { error: 'repetition-operator operand invalid' };
      out += c;
      i++;
      continue;
    }
    if (c === '}' || c === '/') {
      out += `\\${c}`;
      i++;
      atAlternativeStart = false;
      continue;
    }
    out += c;
    i++;
    // An anchor is content (`{{^}}` is valid) but not an operand for a repetition.
    if (c === '^') anchorOnly = true;
    else atAlternativeStart = false;
  }
  if (depth !== 0) return { error: 'parentheses not balanced' };
  if (out === '' || (atAlternativeStart && !anchorOnly)) return { error: 'empty (sub)expression' };
  try {
    new RegExp(out, 'm');
  } catch (e) {
    return { error: (e as Error).message };
  }
  return { source: out, groups };
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** The end of a `[[...]]` block (the offset of its `]]`), brackets nested as in FileCheck. */
function findVarEnd(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; ) {
    if (s.startsWith(']]', i) && depth === 0) return i;
    if (s[i] === '\\') {
      i += 2;
      continue;
    }
    if (s[i] === '[') depth++;
    else if (s[i] === ']') {
      if (depth === 0) return -2;
      depth--;
    }
    i++;
  }
  return -1;
}

/**
 * Compiles one directive's pattern. `defined` holds the variables defined by earlier directives:
 * a use of any other name is an error (FileCheck finds it when it tries to match).
 */
function compilePattern(d: CheckDirective, defined: Set<string>, checkFile: string): CompiledPattern {
  const fail = (offset: number, reason: string): never => {
    throw syntaxError(checkFile, d.lineText, d.line, d.column + offset, reason);
  };
  const compiled: CompiledPattern = { directive: d, pieces: [], defines: [], uses: [] };
  if (d.kind === 'empty') return compiled;
  let p = d.pattern;
  if (p.length < 2 || (!p.includes('{{') && !p.includes('[['))) {
    compiled.fixed = p;
    return compiled;
  }
  const offset = () => d.pattern.length - p.length;
  let group = 0;
  const local = new Map<string, number>();
  while (p.length > 0) {
    if (p.startsWith('{{')) {
      const end = p.indexOf('}}');
      if (end < 0) fail(offset(), "found start of regex string with no end '}}'");
      const r = translateRegex(p.slice(2, end));
      if ('error' in r) fail(offset() + 2, `invalid regex: ${r.error}`);
      else {
        group++;
        compiled.pieces.push({ kind: 'regex', source: r.source });
        group += r.groups;
      }
      p = p.slice(end + 2);
      continue;
    }
    if (p.startsWith('[[') && !p.startsWith('[[[')) {
      const body = p.slice(2);
      const end = findVarEnd(body);
      if (end === -2) fail(offset(), 'missing closing "]" for regex variable');
      if (end < 0) fail(offset(), 'Invalid substitution block, no ]] found');
      const block = body.slice(0, end);
      if (block.startsWith('#')) fail(offset() + 2, 'numeric substitution blocks ([[#...]]) are not supported');
      const colon = block.indexOf(':');
      const name = colon < 0 ? block : block.slice(0, colon);
      if (/[ \t]/.test(name)) fail(offset() + 2 + name.search(/[ \t]/), 'unexpected whitespace');
      if (name.startsWith('@')) fail(offset() + 2, 'pseudo variables (@LINE) are not supported');
      if (!/^\$?[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(offset() + 2, 'invalid variable name');
      if (colon >= 0) {
        const r = translateRegex(block.slice(colon + 1));
        group++;
        if ('error' in r) fail(offset() + 3 + colon, `invalid regex: ${r.error}`);
        else {
          compiled.pieces.push({ kind: 'define', name, source: r.source, group });
          compiled.defines.push({ name, group });
          local.set(name, group);
          group += r.groups;
        }
      } else if (local.has(name)) {
        compiled.pieces.push({ kind: 'use', name, backref: local.get(name)! });
      } else {
        if (!defined.has(name)) fail(offset() + 2, `undefined variable: ${name}`);
        compiled.pieces.push({ kind: 'use', name });
        compiled.uses.push(name);
      }
      p = body.slice(end + 2);
      continue;
    }
    const a = p.indexOf('{{', 1);
    const b = p.indexOf('[[', 1);
    const end = Math.min(a < 0 ? p.length : a, b < 0 ? p.length : b);
    compiled.pieces.push({ kind: 'literal', text: p.slice(0, end) });
    p = p.slice(end);
  }
  for (const def of compiled.defines) defined.add(def.name);
  return compiled;
}

/** Compiles every directive in order; throws CheckSyntaxError on the first bad one. */
function compileAll(directives: CheckDirective[], checkFile: string): CompiledPattern[] {
  const defined = new Set<string>();
  return directives.map((d) => compilePattern(d, defined, checkFile));
}

/**
 * Checks that directives can be matched at all (regexes, variables) without an input: what a
 * format does at parse time. Throws CheckSyntaxError naming the directive's line.
 */
export function validateCheckDirectives(directives: CheckDirective[], options: FileCheckOptions = {}): void {
  compileAll(directives, options.checkFile ?? 'check');
}

interface Match {
  pos: number;
  len: number;
}

/** Searches `input` from `from`; variables get their values from `vars` and are set on a match. */
function matchPattern(p: CompiledPattern, input: string, from: number, vars: Map<string, string>): Match | undefined {
  if (p.directive.kind === 'empty') {
    const re = /\n$/gm;
    re.lastIndex = from;
    const m = re.exec(input);
    return m ? { pos: m.index + 1, len: 0 } : undefined;
  }
  if (p.fixed !== undefined) {
    const pos = input.indexOf(p.fixed, from);
    return pos < 0 ? undefined : { pos, len: p.fixed.length };
  }
  let source = '';
  for (const piece of p.pieces) {
    switch (piece.kind) {
      case 'literal':
        source += escapeRegex(piece.text);
        break;
      case 'regex':
        source += `(${piece.source})`;
        break;
      case 'define':
        source += `(${piece.source})`;
        break;
      case 'use':
        source += piece.backref !== undefined ? `\\${piece.backref}` : escapeRegex(vars.get(piece.name) ?? '');
        break;
    }
  }
  // The buffer is searched from `from` as if it began there, as FileCheck passes a substring.
  const re = new RegExp(source, 'm');
  const m = re.exec(input.slice(from));
  if (!m) return undefined;
  for (const def of p.defines) vars.set(def.name, m[def.group] ?? '');
  return { pos: from + m.index, len: m[0].length };
}

// ---------------------------------------------------------------------------------------------
// Matching

class Reporter {
  readonly diagnostics: string[] = [];
  private readonly inputLines: string[];
  private readonly lineStarts: number[] = [0];

  constructor(private readonly input: string, private readonly checkFile: string, private readonly inputName: string, private readonly prefix: string) {
    this.inputLines = input.split('\n');
    for (let i = 0; i < input.length; i++) if (input[i] === '\n') this.lineStarts.push(i + 1);
  }

  private where(pos: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: pos - this.lineStarts[lo]! + 1 };
  }

  inputNote(pos: number, note: string): string {
    const { line, column } = this.where(Math.min(pos, this.input.length));
    return `${this.inputName}:${line}:${column}: note: ${note}\n${caret(this.inputLines[line - 1] ?? '', column)}`;
  }

  checkHeader(d: CheckDirective, severity: string, message: string): string {
    return `${this.checkFile}:${d.line}:${d.column}: ${severity}: ${directiveName(d, this.prefix)}: ${message}\n${caret(d.lineText, d.column)}`;
  }

  notFound(p: CompiledPattern, from: number, vars: Map<string, string>): void {
    const parts = [this.checkHeader(p.directive, 'error', 'expected string not found in input'), this.inputNote(from, 'scanning from here')];
    for (const name of p.uses) {
      if (vars.has(name)) parts.push(this.inputNote(from, `with "${name}" equal to "${escapeForNote(vars.get(name)!)}"`));
      else parts.push(`${this.checkFile}:${p.directive.line}:${p.directive.column}: note: uses undefined variable(s): "${name}"`);
    }
    this.diagnostics.push(parts.join('\n'));
  }

  wrongLine(d: CheckDirective, message: string, matchPos: number, prevEnd: number, extra?: number): void {
    const parts = [this.checkHeader(d, 'error', message), this.inputNote(matchPos, "'next' match was here"), this.inputNote(prevEnd, 'previous match ended here')];
    if (extra !== undefined) parts.push(this.inputNote(extra, 'non-matching line after previous match is here'));
    this.diagnostics.push(parts.join('\n'));
  }

  excluded(d: CheckDirective, pos: number): void {
    this.diagnostics.push(`${this.checkHeader(d, 'error', 'excluded string found in input')}\n${this.inputNote(pos, 'found here')}`);
  }
}

function escapeForNote(s: string): string {
  return s.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** One positive directive with the CHECK-DAG/CHECK-NOT directives before it. */
interface Group {
  dagNots: CompiledPattern[];
  /** Undefined for the implicit end of file after trailing DAG/NOT directives. */
  pattern: CompiledPattern | undefined;
}

class Matcher {
  matched = 0;

  constructor(private readonly r: Reporter, private readonly vars: Map<string, string>) {}

  /** CHECK-NOT patterns must not match in [from, to). */
  private checkNots(nots: CompiledPattern[], input: string, from: number, to: number): boolean {
    const region = input.slice(0, to);
    let ok = true;
    for (const n of nots) {
      const m = matchPattern(n, region, from, new Map(this.vars));
      if (m) {
        this.r.excluded(n.directive, m.pos);
        ok = false;
      } else this.matched++;
    }
    return ok;
  }

  /** The DAG/NOT directives before a positive one, from `start`; returns where the positive one starts searching. */
  private checkDag(g: Group, input: string, start: number): { pos: number; nots: CompiledPattern[] } | undefined {
    let nots: CompiledPattern[] = [];
    let ranges: Match[] = [];
    let startPos = start;
    const list = g.dagNots;
    for (let k = 0; k < list.length; k++) {
      const p = list[k]!;
      if (p.directive.kind === 'not') {
        nots.push(p);
        continue;
      }
      let from = startPos;
      for (;;) {
        const m = matchPattern(p, input, from, this.vars);
        if (!m) {
          this.r.notFound(p, startPos, this.vars);
          return undefined;
        }
        const overlap = ranges.find((x) => m.pos < x.pos + x.len && x.pos < m.pos + m.len);
        if (!overlap) {
          ranges.push(m);
          ranges.sort((a, b) => a.pos - b.pos);
          this.matched++;
          break;
        }
        from = overlap.pos + overlap.len;
      }
      const next = list[k + 1];
      if (next === undefined || next.directive.kind === 'not') {
        if (nots.length > 0) {
          if (!this.checkNots(nots, input, startPos, ranges[0]!.pos)) return undefined;
          nots = [];
        }
        startPos = Math.max(...ranges.map((x) => x.pos + x.len));
        ranges = [];
      }
    }
    return { pos: startPos, nots };
  }

  /** Matches one group in `input` from `start`; returns the end of its match, or undefined on failure. */
  check(g: Group, input: string, start: number): number | undefined {
    const dag = this.checkDag(g, input, start);
    if (!dag) return undefined;
    const p = g.pattern;
    if (!p) {
      return this.checkNots(dag.nots, input, dag.pos, input.length) ? input.length : undefined;
    }
    let end = dag.pos;
    let first: number | undefined;
    for (let i = 0; i < p.directive.count; i++) {
      const m = matchPattern(p, input, end, this.vars);
      if (!m) {
        this.r.notFound(p, end, this.vars);
        return undefined;
      }
      first ??= m.pos;
      end = m.pos + m.len;
    }
    const skipped = input.slice(dag.pos, first);
    const kind = p.directive.kind;
    if (kind === 'next' || kind === 'empty') {
      const newlines = skipped.split('\n').length - 1;
      if (newlines === 0) {
        this.r.wrongLine(p.directive, 'is on the same line as previous match', first!, dag.pos);
        return undefined;
      }
      if (newlines !== 1) {
        this.r.wrongLine(p.directive, 'is not on the line after the previous match', first!, dag.pos, dag.pos + skipped.indexOf('\n') + 1);
        return undefined;
      }
    }
    if (kind === 'same' && skipped.includes('\n')) {
      this.r.wrongLine(p.directive, 'is not on the same line as the previous match', first!, dag.pos);
      return undefined;
    }
    if (!this.checkNots(dag.nots, input, dag.pos, first!)) return undefined;
    this.matched++;
    return end;
  }
}

/**
 * Runs FileCheck: the directives (as readCheckDirectives gives them) against `input`. Never throws:
 * a malformed directive is a failure whose diagnostic names its line.
 */
export function fileCheck(directives: CheckDirective[], input: string, options: FileCheckOptions = {}): FileCheckResult {
  const prefix = options.prefix ?? 'CHECK';
  const checkFile = options.checkFile ?? 'check';
  const inputName = options.inputName ?? '<stdin>';
  const checks = directives.length;
  const failed = (diagnostics: string[], matched = 0): FileCheckResult => ({ pass: false, checks, matched, diagnostics, report: diagnostics.join('\n') });
  if (checks === 0) return failed([`error: no check strings found with prefix '${prefix}:'`]);
  let compiled: CompiledPattern[];
  try {
    compiled = compileAll(directives, checkFile);
  } catch (e) {
    if (e instanceof CheckSyntaxError) return failed([e.diagnostic]);
    throw e;
  }
  if (input.length === 0) return failed([`FileCheck error: '${inputName}' is empty.`]);
  const text = canonicalize(input, options.strictWhitespace);

  const groups: Group[] = [];
  let pending: CompiledPattern[] = [];
  for (const p of compiled) {
    if (p.directive.kind === 'not' || p.directive.kind === 'dag') pending.push(p);
    else {
      groups.push({ dagNots: pending, pattern: p });
      pending = [];
    }
  }
  if (pending.length > 0) groups.push({ dagNots: pending, pattern: undefined });

  const reporter = new Reporter(text, checkFile, inputName, prefix);
  const vars = new Map<string, string>();
  const matcher = new Matcher(reporter, vars);
  let failedAny = false;
  // CHECK-LABEL splits the input: each label is found first (in order), and the directives before
  // it are matched in the region that ends with the label's match.
  let i = 0;
  let bufferStart = 0;
  while (i < groups.length) {
    let j = i;
    let regionEnd = text.length;
    let foundLabel = false;
    for (; j < groups.length; j++) {
      const p = groups[j]!.pattern;
      if (p?.directive.kind !== 'label') continue;
      const m = matchPattern(p, text, bufferStart, new Map(vars));
      if (!m) {
        reporter.notFound(p, bufferStart, vars);
        return { pass: false, checks, matched: matcher.matched, diagnostics: reporter.diagnostics, report: reporter.diagnostics.join('\n') };
      }
      regionEnd = m.pos + m.len;
      foundLabel = true;
      break;
    }
    const region = text.slice(0, regionEnd);
    let pos = bufferStart;
    const last = foundLabel ? j : groups.length - 1;
    for (; i <= last; i++) {
      const end = matcher.check(groups[i]!, region, pos);
      if (end === undefined) {
        failedAny = true;
        break;
      }
      pos = end;
    }
    i = last + 1;
    bufferStart = regionEnd;
    if (!foundLabel) break;
  }
  const pass = !failedAny;
  const diagnostics = reporter.diagnostics;
  return {
    pass,
    checks,
    matched: matcher.matched,
    diagnostics,
    report: pass ? `all ${checks} ${prefix} directives matched` : diagnostics.join('\n'),
  };
}

/** Reads the directives of `checkText` and runs them against `input`, as `FileCheck --input-file`. */
export function fileCheckText(checkText: string, input: string, options: FileCheckOptions = {}): FileCheckResult {
  let directives: CheckDirective[];
  try {
    directives = readCheckDirectives(checkText, options);
  } catch (e) {
    if (e instanceof CheckSyntaxError) return { pass: false, checks: 0, matched: 0, diagnostics: [e.diagnostic], report: e.diagnostic };
    throw e;
  }
  return fileCheck(directives, input, options);
}
