/**
 * The subset of Python that Dexter's commands are written in: calls with positional and keyword
 * arguments whose values are literals (strings, ints, floats, True/False/None, lists, tuples,
 * dicts), the nested calls `ref('label')` and `address('name', offset)`, and + - * // % on
 * numbers (and + on strings and lists). It is parsed and evaluated here; nothing is ever handed
 * to an interpreter.
 */

/** A Python value. Ints and floats are distinguished because their printed forms differ (`1` vs `1.0`). */
export type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'list'; items: PyValue[] }
  | { kind: 'tuple'; items: PyValue[] }
  | { kind: 'dict'; entries: Array<[PyValue, PyValue]> }
  | { kind: 'address'; name: string; offset: bigint };

/** A call as written: `Name(args, key=value)`. */
export interface PyCall {
  name: string;
  args: PyValue[];
  kwargs: Map<string, PyValue>;
}

/** A syntax or evaluation error; `offset` is the character index in the parsed text. */
export class PySyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** What the nested calls resolve to: `ref` gives a line, `address` checks the name is declared. */
export interface PyEnv {
  ref(label: string): number | undefined;
  addressDeclared(name: string): boolean;
}

type Tok =
  | { t: 'name'; v: string; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'int'; v: bigint; at: number }
  | { t: 'float'; v: number; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

const OPS = ['//', '**', '(', ')', '[', ']', '{', '}', ',', ':', '=', '+', '-', '*', '%'];

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const strStart = /^([rRbBuU]{0,2})(['"])/.exec(text.slice(i, i + 4));
    if (strStart && (strStart[1] === '' || /^[rRuU]$/.test(strStart[1]!))) {
      const raw = /r/i.test(strStart[1]!);
      const at = i;
      i += strStart[0].length;
      const q = strStart[2]!;
      const triple = text.slice(i, i + 2) === q + q;
      if (triple) i += 2;
      let v = '';
      for (;;) {
        if (i >= text.length) throw new PySyntaxError('unterminated string literal', at);
        const ch = text[i]!;
        if (triple ? text.slice(i, i + 3) === q + q + q : ch === q) {
          i += triple ? 3 : 1;
          break;
        }
        if (!triple && ch === '\n') throw new PySyntaxError('unterminated string literal', at);
        if (ch === '\\') {
          const n = text[i + 1];
          if (n === undefined) throw new PySyntaxError('unterminated string literal', at);
          if (raw) {
            v += ch + n;
            i += 2;
            continue;
          }
          const [s, len] = escape(text, i, at);
          v += s;
          i += len;
          continue;
        }
        v += ch;
        i++;
      }
      // Adjacent literals concatenate, as in Python.
      const prev = out[out.length - 1];
      if (prev && prev.t === 'str') prev.v += v;
      else out.push({ t: 'str', v, at });
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (num) {
      const s = num[0].replace(/_/g, '');
      const at = i;
      i += num[0].length;
      if (/^0[xXoObB]/.test(s)) out.push({ t: 'int', v: BigInt(s), at });
      else if (/[.eE]/.test(s)) out.push({ t: 'float', v: Number(s), at });
      else {
        if (/^0\d/.test(s) && /[1-9]/.test(s)) throw new PySyntaxError('leading zeros in decimal integer literals are not permitted', at);
        out.push({ t: 'int', v: BigInt(s), at });
      }
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(text.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      out.push({ t: 'op', v: op, at: i });
      i += op.length;
      continue;
    }
    throw new PySyntaxError(`invalid character '${c}'`, i);
  }
  out.push({ t: 'end', at: text.length });
  return out;
}

function escape(text: string, i: number, at: number): [string, number] {
  const n = text[i + 1]!;
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };
  if (n === 'x' || n === 'u' || n === 'U') {
    const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
    const hex = text.slice(i + 2, i + 2 + len);
    if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new PySyntaxError(`truncated \\${n} escape`, at);
    return [String.fromCodePoint(parseInt(hex, 16)), 2 + len];
  }
  const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
  if (oct) return [String.fromCharCode(parseInt(oct[0], 8)), 1 + oct[0].length];
  if (n in simple) return [simple[n]!, 2];
  // Python keeps an unknown escape as written.
  return ['\\' + n, 2];
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[], private readonly env: PyEnv) {}

  private peek(): Tok {
    return this.toks[this.pos]!;
  }
  private next(): Tok {
    return this.toks[this.pos++]!;
  }
  private nextOp(): { v: string; at: number } {
    const t = this.next();
    return { v: t.t === 'op' ? t.v : '', at: t.at };
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.t !== 'op' || t.v !== v) throw new PySyntaxError(`invalid syntax (expected '${v}')`, t.at);
  }

  /** The whole text must be one call. */
  topCall(): PyCall {
    const t = this.next();
    if (t.t !== 'name') throw new PySyntaxError('invalid syntax', t.at);
    if (!this.isOp('(')) throw new PySyntaxError('invalid syntax', this.peek().at);
    const call = this.callArgs(t.v);
    const end = this.peek();
    if (end.t !== 'end') throw new PySyntaxError('invalid syntax', end.at);
    return call;
  }

  private callArgs(name: string): PyCall {
    this.expect('(');
    const args: PyValue[] = [];
    const kwargs = new Map<string, PyValue>();
    while (!this.isOp(')')) {
      const t = this.peek();
      const after = this.toks[this.pos + 1]!;
      if (t.t === 'name' && after.t === 'op' && after.v === '=') {
        this.pos += 2;
        if (kwargs.has(t.v)) throw new PySyntaxError(`keyword argument repeated: ${t.v}`, t.at);
        kwargs.set(t.v, this.expr());
      } else {
        if (kwargs.size > 0) throw new PySyntaxError('positional argument follows keyword argument', t.at);
        args.push(this.expr());
      }
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expect(')');
    return { name, args, kwargs };
  }

  private expr(): PyValue {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.nextOp();
      left = binary(op.v, left, this.term(), op.at);
    }
    return left;
  }

  private term(): PyValue {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('//') || this.isOp('%')) {
      const op = this.nextOp();
      left = binary(op.v, left, this.unary(), op.at);
    }
    return left;
  }

  private unary(): PyValue {
    if (this.isOp('-') || this.isOp('+')) {
      const op = this.nextOp();
      const v = this.unary();
      if (v.kind === 'int') return { kind: 'int', value: op.v === '-' ? -v.value : v.value };
      if (v.kind === 'float') return { kind: 'float', value: op.v === '-' ? -v.value : v.value };
      if (v.kind === 'bool') return { kind: 'int', value: op.v === '-' ? -BigInt(v.value) : BigInt(v.value) };
      throw new PySyntaxError(`bad operand type for unary ${op.v}: '${typeName(v)}'`, op.at);
    }
    return this.atom();
  }

  private atom(): PyValue {
    const t = this.next();
    switch (t.t) {
      case 'str':
        return { kind: 'str', value: t.v };
      case 'int':
        return { kind: 'int', value: t.v };
      case 'float':
        return { kind: 'float', value: t.v };
      case 'name': {
        if (t.v === 'True' || t.v === 'False') return { kind: 'bool', value: t.v === 'True' };
        if (t.v === 'None') return { kind: 'none' };
        if (!this.isOp('(')) throw new PySyntaxError(`name '${t.v}' is not defined`, t.at);
        const call = this.callArgs(t.v);
        return this.nested(call, t.at);
      }
      case 'op': {
        if (t.v === '(') {
          if (this.isOp(')')) {
            this.next();
            return { kind: 'tuple', items: [] };
          }
          const first = this.expr();
          if (this.isOp(')')) {
            this.next();
            return first;
          }
          const items = [first];
          while (this.isOp(',')) {
            this.next();
            if (this.isOp(')')) break;
            items.push(this.expr());
          }
          this.expect(')');
          return { kind: 'tuple', items };
        }
        if (t.v === '[') {
          const items: PyValue[] = [];
          while (!this.isOp(']')) {
            items.push(this.expr());
            if (!this.isOp(',')) break;
            this.next();
          }
          this.expect(']');
          return { kind: 'list', items };
        }
        if (t.v === '{') {
          const entries: Array<[PyValue, PyValue]> = [];
          while (!this.isOp('}')) {
            const k = this.expr();
            this.expect(':');
            const v = this.expr();
            const same = entries.findIndex(([e]) => pyEquals(e, k));
            if (same >= 0) entries[same] = [entries[same]![0], v];
            else entries.push([k, v]);
            if (!this.isOp(',')) break;
            this.next();
          }
          this.expect('}');
          return { kind: 'dict', entries };
        }
        throw new PySyntaxError('invalid syntax', t.at);
      }
      case 'end':
        throw new PySyntaxError('unexpected end of command', t.at);
    }
  }

  private nested(call: PyCall, at: number): PyValue {
    if (call.name === 'ref') {
      const label = call.args[0];
      if (call.args.length !== 1 || call.kwargs.size > 0 || label?.kind !== 'str') {
        throw new PySyntaxError("ref() takes one label name, a string", at);
      }
      const line = this.env.ref(label.value);
      if (line === undefined) throw new PySyntaxError(`Unresolved label: '${label.value}'`, at);
      return { kind: 'int', value: BigInt(line) };
    }
    if (call.name === 'address') {
      const name = call.args[0];
      const offset = call.args[1] ?? { kind: 'int', value: 0n };
      if (call.args.length < 1 || call.args.length > 2 || call.kwargs.size > 0 || name?.kind !== 'str' || offset.kind !== 'int') {
        throw new PySyntaxError('address() takes a name and an optional integer offset', at);
      }
      if (!this.env.addressDeclared(name.value)) throw new PySyntaxError(`Undeclared address: '${name.value}'`, at);
      return { kind: 'address', name: name.value, offset: offset.value };
    }
    throw new PySyntaxError(`name '${call.name}' is not defined`, at);
  }
}

function typeName(v: PyValue): string {
  return v.kind === 'none' ? 'NoneType' : v.kind;
}

function binary(op: string, a: PyValue, b: PyValue, at: number): PyValue {
  const num = (v: PyValue): bigint | number | undefined =>
    v.kind === 'int' ? v.value : v.kind === 'float' ? v.value : v.kind === 'bool' ? BigInt(v.value) : undefined;
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) {
    if (typeof x === 'bigint' && typeof y === 'bigint') {
      if ((op === '//' || op === '%') && y === 0n) throw new PySyntaxError('division by zero', at);
      switch (op) {
        case '+': return { kind: 'int', value: x + y };
        case '-': return { kind: 'int', value: x - y };
        case '*': return { kind: 'int', value: x * y };
        case '//': {
          const q = x / y;
          return { kind: 'int', value: (x % y !== 0n && (x < 0n) !== (y < 0n)) ? q - 1n : q };
        }
        case '%': {
          const r = x % y;
          return { kind: 'int', value: r !== 0n && (r < 0n) !== (y < 0n) ? r + y : r };
        }
      }
    }
    const fx = Number(x);
    const fy = Number(y);
    switch (op) {
      case '+': return { kind: 'float', value: fx + fy };
      case '-': return { kind: 'float', value: fx - fy };
      case '*': return { kind: 'float', value: fx * fy };
      case '//': return { kind: 'float', value: Math.floor(fx / fy) };
      case '%': return { kind: 'float', value: fx - fy * Math.floor(fx / fy) };
    }
  }
  if (op === '+' && a.kind === 'str' && b.kind === 'str') return { kind: 'str', value: a.value + b.value };
  if (op === '+' && a.kind === 'list' && b.kind === 'list') return { kind: 'list', items: [...a.items, ...b.items] };
  throw new PySyntaxError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`, at);
}

/** Parses `Name(...)` (the whole text, which may span lines). */
export function parseCall(text: string, env: PyEnv): PyCall {
  return new Parser(tokenize(text), env).topCall();
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
  return pyRepr(a) === pyRepr(b);
}

/** Python's float repr: the shortest round-tripping digits, scientific below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const m = mant.replace(/\.0*$/, '');
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let s: string;
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    s = `${intPart}.${frac === '' ? '0' : frac}`;
  } else {
    s = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return (neg ? '-' : '') + s;
}

function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + q;
}

/** Python's repr(): how Dexter prints a command's arguments (e.g. a DexExpectProgramState dict). */
export function pyRepr(v: PyValue): string {
  switch (v.kind) {
    case 'str': return pyStrRepr(v.value);
    case 'int': return v.value.toString();
    case 'float': return pyFloatRepr(v.value);
    case 'bool': return v.value ? 'True' : 'False';
    case 'none': return 'None';
    case 'list': return `[${v.items.map(pyRepr).join(', ')}]`;
    case 'tuple': return v.items.length === 1 ? `(${pyRepr(v.items[0]!)},)` : `(${v.items.map(pyRepr).join(', ')})`;
    case 'dict': return `{${v.entries.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
    case 'address': return `<AddressExpression ${v.name}${v.offset ? `+${v.offset}` : ''}>`;
  }
}

/** Python's str(): as repr, except that a string is itself. */
export function pyStr(v: PyValue): string {
  return v.kind === 'str' ? v.value : pyRepr(v);
}

/** Python's float() of a string, undefined where Python raises ValueError. */
export function pyFloat(s: string): number | undefined {
  const t = s.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ''));
}
