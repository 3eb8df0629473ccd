// The GDB/MI output grammar (GDB manual, "GDB/MI Output Syntax"), one line per record:
//   result-record  [token] "^" result-class ("," result)*
//   async-record   [token] ("*" | "+" | "=") async-class ("," result)*
//   stream-record  ("~" | "@" | "&") c-string
//   prompt         "(gdb)"
//   result = variable "=" value;  value = c-string | tuple | list
//   tuple = "{}" | "{" result ("," result)* "}"
//   list  = "[]" | "[" value ("," value)* "]" | "[" result ("," result)* "]"
// The parser works on bytes because c-strings carry UTF-8 as octal escapes (GDB prints every
// byte >= 0x80 that way); a string's bytes are decoded once they are all known.
import { MiParseError } from './errors.js';

export type MiValue = string | MiTuple | MiList;
export interface MiTuple {
  readonly [name: string]: MiValue;
}
export type MiList = readonly MiValue[];

export type MiResultClass = 'done' | 'running' | 'connected' | 'error' | 'exit';

/** `123^done,bkpt={...}`: the answer to the command with that token. */
export interface MiResultRecord {
  type: 'result';
  /** The digits the command was sent with; undefined when it had none. */
  token: string | undefined;
  class: MiResultClass;
  results: MiTuple;
}

/** `*stopped,...` (exec), `+download,...` (status), `=breakpoint-created,...` (notify). */
export interface MiAsyncRecord {
  type: 'exec' | 'status' | 'notify';
  token: string | undefined;
  class: string;
  results: MiTuple;
}

/** `~"..."` (console: the CLI's output), `@"..."` (target), `&"..."` (log: GDB's messages). */
export interface MiStreamRecord {
  type: 'console' | 'target' | 'log';
  text: string;
}

export interface MiPrompt {
  type: 'prompt';
}

export type MiRecord = MiResultRecord | MiAsyncRecord | MiStreamRecord | MiPrompt;

/** Values of names that a tuple holds more than once, in order (the first is also the property). */
const REPEATS = Symbol('mi.repeats');
/** The names of a list of results (`[frame={...},frame={...}]`), parallel to its values. */
const NAMES = Symbol('mi.names');

/**
 * Every value of `name` in `tuple`, in order. A tuple's property holds the first one; GDB repeats
 * names, e.g. `bkpt={...},bkpt={...}` for the locations of one breakpoint in MI2.
 */
export function allValues(tuple: MiTuple, name: string): MiValue[] {
  const repeats = (tuple as { [REPEATS]?: Map<string, MiValue[]> })[REPEATS]?.get(name);
  if (repeats) return [...repeats];
  return Object.hasOwn(tuple, name) ? [tuple[name]!] : [];
}

/** For a list of results such as `stack=[frame={...},...]`, the name of each element; else undefined. */
export function resultNames(list: MiList): readonly string[] | undefined {
  return (list as { [NAMES]?: string[] })[NAMES];
}

const RESULT_CLASSES: ReadonlySet<string> = new Set(['done', 'running', 'connected', 'error', 'exit']);
const ASYNC_TYPES: Record<number, MiAsyncRecord['type']> = { 0x2a: 'exec', 0x2b: 'status', 0x3d: 'notify' };
const STREAM_TYPES: Record<number, MiStreamRecord['type']> = { 0x7e: 'console', 0x40: 'target', 0x26: 'log' };
/** Single-letter escapes GDB writes (utils.c printchar) or accepts (parse_escape). */
const ESCAPES: Record<number, number> = {
  0x6e: 0x0a, 0x74: 0x09, 0x72: 0x0d, 0x62: 0x08, 0x66: 0x0c, 0x65: 0x1b, 0x61: 0x07, 0x76: 0x0b,
  0x22: 0x22, 0x5c: 0x5c, 0x27: 0x27, 0x3f: 0x3f,
};
/** Deep enough for any value GDB prints; bounds the recursion on hostile input. */
const MAX_DEPTH = 1000;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, EQUALS = 0x3d;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');
const PROMPT = encoder.encode('(gdb)');

/** Parses one line of MI output (without its line break). Throws only MiParseError. */
export function parseRecord(line: string | Uint8Array, lineNumber = 1): MiRecord {
  const bytes = typeof line === 'string' ? encoder.encode(line) : line;
  return new LineParser(bytes, 0, bytes.length, lineNumber).record();
}

/** Parses MI output of any number of lines; a final line break is optional. Throws only MiParseError. */
export function parseOutput(text: string | Uint8Array): MiRecord[] {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  const records: MiRecord[] = [];
  for (let start = 0, lineNumber = 1; start < bytes.length; lineNumber++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    records.push(new LineParser(bytes, start, end, lineNumber).record());
    start = end + 1;
  }
  return records;
}

class LineParser {
  private pos: number;
  private readonly end: number;

  constructor(
    private readonly b: Uint8Array,
    private readonly lineStart: number,
    end: number,
    private readonly lineNumber: number,
  ) {
    this.pos = lineStart;
    this.end = end > lineStart && b[end - 1] === 0x0d ? end - 1 : end;
  }

  record(): MiRecord {
    if (this.startsWith(PROMPT)) {
      this.pos += PROMPT.length;
      while (this.pos < this.end && this.b[this.pos] === 0x20) this.pos++;
      this.expectEnd();
      return { type: 'prompt' };
    }
    const tokenStart = this.pos;
    while (this.pos < this.end && isDigit(this.b[this.pos]!)) this.pos++;
    const token = this.pos > tokenStart ? ascii(this.b, tokenStart, this.pos) : undefined;
    if (this.pos >= this.end) throw this.error('expected a record: ^ * + = ~ @ & or the (gdb) prompt');
    const kind = this.b[this.pos]!;
    const stream = STREAM_TYPES[kind];
    if (stream) {
      if (token !== undefined) throw this.error('a stream record has no token', tokenStart);
      this.pos++;
      const text = this.cstring();
      this.expectEnd();
      return { type: stream, text };
    }
    const async = ASYNC_TYPES[kind];
    if (kind !== 0x5e && !async) throw this.error(`expected a record: ^ * + = ~ @ & or the (gdb) prompt, not ${describe(kind)}`);
    this.pos++;
    const classStart = this.pos;
    const cls = this.name('a class');
    const results = this.sequence(0, -1);
    if (async) return { type: async, token, class: cls, results };
    if (!RESULT_CLASSES.has(cls)) throw this.error(`unknown result class '${cls}'`, classStart);
    return { type: 'result', token, class: cls as MiResultClass, results };
  }

  /**
   * `("," result)*` up to `close` (a byte, or -1 for the end of the line), as a tuple. GDB also
   * writes values without a name, which the grammar does not allow: the locations of an MI2
   * breakpoint (`bkpt={...},{...},{...}`) and the progress of `-target-download`
   * (`+download,{section=".text",...}`). Such a value repeats the previous name, or has the name ''.
   */
  private sequence(depth: number, close: number): MiTuple {
    const tuple = {} as Record<string | symbol, MiValue> & { [REPEATS]?: Map<string, MiValue[]> };
    let name = '';
    for (let first = close >= 0; !this.at(close); first = false) {
      if (!first) this.expect(COMMA);
      if (!isValueStart(this.peek())) {
        name = this.name('a name');
        this.expect(EQUALS);
      }
      add(tuple, name, this.value(depth + 1));
    }
    return tuple as MiTuple;
  }

  private value(depth: number): MiValue {
    if (depth > MAX_DEPTH) throw this.error(`values nested deeper than ${MAX_DEPTH}`);
    const c = this.peek();
    if (c === QUOTE) return this.cstring();
    if (c === 0x7b) {
      this.pos++;
      const tuple = this.sequence(depth, 0x7d);
      this.pos++;
      return tuple;
    }
    if (c === 0x5b) return this.list(depth);
    throw this.error(`expected a value: " { or [, not ${this.found()}`);
  }

  /** A list of values, or of results whose names are kept aside (see `resultNames`). */
  private list(depth: number): MiList {
    this.pos++;
    const values: MiValue[] = [];
    if (this.at(0x5d)) {
      this.pos++;
      return values;
    }
    if (isValueStart(this.peek())) {
      do values.push(this.value(depth + 1));
      while (this.eat(COMMA));
    } else {
      const listNames: string[] = [];
      let name = '';
      do {
        if (listNames.length === 0 || !isValueStart(this.peek())) {
          name = this.name('a name or a value');
          this.expect(EQUALS);
        }
        listNames.push(name);
        values.push(this.value(depth + 1));
      } while (this.eat(COMMA));
      Object.defineProperty(values, NAMES, { value: listNames });
    }
    this.expect(0x5d);
    return values;
  }

  /** A variable or class name: letters, digits, `-`, `_`, `.`. */
  private name(what: string): string {
    const start = this.pos;
    while (this.pos < this.end && isNameByte(this.b[this.pos]!)) this.pos++;
    if (this.pos === start) throw this.error(`expected ${what}, not ${this.found()}`);
    return ascii(this.b, start, this.pos);
  }

  private cstring(): string {
    const open = this.pos;
    if (this.peek() !== QUOTE) throw this.error(`expected a c-string, not ${this.found()}`);
    const b = this.b;
    let i = open + 1;
    // Common case: plain ASCII without escapes, decoded without copying.
    while (i < this.end && b[i] !== QUOTE && b[i] !== BACKSLASH && b[i]! < 0x80) i++;
    if (b[i] === QUOTE && i < this.end) {
      this.pos = i + 1;
      return ascii(b, open + 1, i);
    }
    const out: number[] = Array.from(b.subarray(open + 1, i));
    for (;;) {
      if (i >= this.end) throw this.error('unterminated c-string', open);
      const c = b[i]!;
      if (c === QUOTE) break;
      if (c !== BACKSLASH) {
        out.push(c);
        i++;
        continue;
      }
      const e = b[i + 1];
      if (i + 1 >= this.end || e === undefined) throw this.error('unterminated c-string', open);
      if (e >= 0x30 && e <= 0x37) {
        let v = 0;
        let j = i + 1;
        for (; j < i + 4 && j < this.end && b[j]! >= 0x30 && b[j]! <= 0x37; j++) v = v * 8 + b[j]! - 0x30;
        if (v > 0xff) throw this.error(`octal escape \\${ascii(b, i + 1, j)} is more than a byte`, i);
        out.push(v);
        i = j;
      } else {
        const v = ESCAPES[e];
        if (v === undefined) throw this.error(`unknown escape \\${describe(e)}`, i);
        out.push(v);
        i += 2;
      }
    }
    this.pos = i + 1;
    return decoder.decode(Uint8Array.from(out));
  }

  /** The byte at the cursor, or -1 at the end of the line. */
  private peek(): number {
    return this.pos < this.end ? this.b[this.pos]! : -1;
  }

  /** What the cursor is on, for messages. */
  private found(): string {
    return this.pos < this.end ? describe(this.b[this.pos]!) : 'the end of the line';
  }

  private at(close: number): boolean {
    return this.peek() === close;
  }

  private eat(c: number): boolean {
    if (this.peek() === c) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expect(c: number): void {
    if (this.eat(c)) return;
    throw this.error(`expected '${String.fromCharCode(c)}', not ${this.found()}`);
  }

  private expectEnd(): void {
    if (this.pos < this.end) throw this.error(`unexpected ${this.found()} after the record`);
  }

  private startsWith(prefix: Uint8Array): boolean {
    if (this.end - this.pos < prefix.length) return false;
    return prefix.every((c, k) => this.b[this.pos + k] === c);
  }

  private error(reason: string, at = this.pos): MiParseError {
    return new MiParseError(reason, this.lineNumber, at - this.lineStart + 1, at);
  }
}

function add(tuple: Record<string, MiValue> & { [REPEATS]?: Map<string, MiValue[]> }, name: string, value: MiValue): void {
  if (!Object.hasOwn(tuple, name)) {
    // Assigning __proto__ would set the prototype: that one name is defined as a property.
    if (name === '__proto__') Object.defineProperty(tuple, name, { value, enumerable: true, writable: true, configurable: true });
    else tuple[name] = value;
    return;
  }
  if (!tuple[REPEATS]) Object.defineProperty(tuple, REPEATS, { value: new Map<string, MiValue[]>() });
  const repeats = tuple[REPEATS]!;
  const values = repeats.get(name);
  if (values) values.push(value);
  else repeats.set(name, [tuple[name]!, value]);
}

/** Bytes below 0x80 as text. */
function ascii(b: Uint8Array, start: number, end: number): string {
  return latin1.decode(b.subarray(start, end));
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isNameByte(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f || c === 0x2e;
}

function isValueStart(c: number): boolean {
  return c === QUOTE || c === 0x7b || c === 0x5b;
}

function describe(c: number): string {
  return c > 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
