/**
 * Finds Dexter's commands in a test source and builds them, as dex/command/ParseCommand.py does:
 * a command starts at its name anywhere in the text (a leading backslash, `\DexLabel`, escapes
 * it in prose), runs until its parentheses balance (possibly over several lines), and is then
 * read as a Python call. Labels and addresses must be declared before they are used; a
 * DexDeclareFile changes the file the commands after it refer to.
 */
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { DirectiveError } from '../../format.js';
import {
  AddressExpression,
  COMMAND_NAMES,
  STEP_KINDS,
  type Command,
  type CommandName,
  type Expected,
  type ExpectedFrame,
  type StepKind,
} from './commands.js';
import { parseCall, pyFloat, pyRepr, pyStr, PySyntaxError, type PyCall, type PyValue } from './pyexpr.js';

export interface ParsedCommands {
  commands: Command[];
  /** The files named by DexDeclareFile, absolute, in order of first mention. */
  declaredFiles: string[];
  labels: Map<string, number>;
}

/** A command's arguments were wrong (Python's TypeError in Dexter): reported on the command's line. */
class ArgError extends Error {}

/** Where a command's text ends: the index after its closing parenthesis, or -1 while unbalanced. */
interface Scan {
  depth: number;
  quote: string | undefined;
}

function scanParens(line: string, from: number, s: Scan): number {
  for (let i = from; i < line.length; i++) {
    const ch = line[i]!;
    if (s.quote) {
      if (ch === '\\') i++;
      else if (ch === s.quote) s.quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') s.quote = ch;
    else if (ch === '(') s.depth++;
    else if (ch === ')') {
      s.depth--;
      if (s.depth === 0) return i + 1;
    }
  }
  return -1;
}

const NAME_RE = /(?<![\\\w])Dex[A-Za-z_]\w*/g;

export function parseCommands(file: string, text: string): ParsedCommands {
  const lines = text.split('\n');
  const commands: Command[] = [];
  const labels = new Map<string, number>();
  const addresses = new Set<string>();
  const declaredFiles: string[] = [];
  let path = file;

  const build = (name: CommandName, raw: string, lineno: number): void => {
    let call: PyCall;
    try {
      call = parseCall(raw, {
        ref: (label) => labels.get(label),
        addressDeclared: (n) => addresses.has(n),
      });
    } catch (e) {
      if (e instanceof PySyntaxError) {
        const line = lineno + (raw.slice(0, e.offset).match(/\n/g)?.length ?? 0);
        throw new DirectiveError(file, line, `${name}: ${e.message}`);
      }
      throw e;
    }
    let cmd: Command;
    try {
      cmd = buildCommand(name, call, { path, file, lineno, raw });
    } catch (e) {
      if (e instanceof ArgError) throw new DirectiveError(file, lineno, `${name}: ${e.message}`);
      throw e;
    }
    switch (cmd.kind) {
      case 'DexLabel':
        if (labels.has(cmd.label)) throw new DirectiveError(file, lineno, `Found duplicate line label: '${cmd.label}'`);
        labels.set(cmd.label, cmd.line);
        break;
      case 'DexDeclareAddress':
        if (addresses.has(cmd.name)) throw new DirectiveError(file, lineno, `Found duplicate address: '${cmd.name}'`);
        addresses.add(cmd.name);
        break;
      case 'DexDeclareFile':
        path = normalize(isAbsolute(cmd.declared) ? cmd.declared : join(dirname(file), cmd.declared));
        if (!declaredFiles.includes(path)) declaredFiles.push(path);
        break;
      case 'DexCommandLine':
        if (commands.some((c) => c.kind === 'DexCommandLine')) throw new DirectiveError(file, lineno, 'More than one DexCommandLine in file');
        break;
      default:
        break;
    }
    commands.push(cmd);
  };

  let pending: { name: CommandName; lineno: number; text: string; scan: Scan } | undefined;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    let pos = 0;
    if (pending) {
      // A command continued on the next line of a `//` comment: the comment marker is not part of it.
      const cont = /^\s*\/\/+/.exec(line);
      if (cont) pos = cont[0].length;
      const end = scanParens(line, pos, pending.scan);
      if (end < 0) {
        pending.text += line.slice(pos) + '\n';
        continue;
      }
      pending.text += line.slice(pos, end);
      const p = pending;
      pending = undefined;
      build(p.name, p.text, p.lineno);
      pos = end;
    }
    for (;;) {
      NAME_RE.lastIndex = pos;
      const m = NAME_RE.exec(line);
      if (!m) break;
      const name = m[0];
      let open = m.index + name.length;
      while (line[open] === ' ' || line[open] === '\t') open++;
      const known = (COMMAND_NAMES as readonly string[]).includes(name);
      if (!known) {
        if (name === 'DexContinue' || name === 'DexStepFunction') {
          throw new DirectiveError(file, li + 1, `${name} is not supported (only the commands of Dexter's Commands.md are)`);
        }
        if (line[open] === '(') throw new DirectiveError(file, li + 1, `unknown command '${name}'`);
        pos = m.index + name.length;
        continue;
      }
      if (line[open] !== '(') throw new DirectiveError(file, li + 1, `${name}: Missing open parenthesis`);
      const scan: Scan = { depth: 0, quote: undefined };
      const end = scanParens(line, open, scan);
      if (end < 0) {
        pending = { name: name as CommandName, lineno: li + 1, text: name + line.slice(open) + '\n', scan };
        break;
      }
      build(name as CommandName, name + line.slice(open, end), li + 1);
      pos = end;
    }
  }
  if (pending) throw new DirectiveError(file, pending.lineno, `${pending.name}: Unbalanced parenthesis starting here`);
  return { commands, declaredFiles, labels };
}

interface Where {
  path: string;
  file: string;
  lineno: number;
  raw: string;
}

function int(v: PyValue | undefined, what: string): number {
  if (v?.kind === 'int') return Number(v.value);
  if (v?.kind === 'bool') return v.value ? 1 : 0;
  throw new ArgError(`${what} must be an integer, not ${v === undefined ? 'missing' : pyRepr(v)}`);
}

function str(v: PyValue | undefined, what: string): string {
  if (v?.kind === 'str') return v.value;
  throw new ArgError(`${what} must be a string`);
}

function takeKw(kw: Map<string, PyValue>, name: string): PyValue | undefined {
  const v = kw.get(name);
  kw.delete(name);
  return v;
}

function noMoreKw(kw: Map<string, PyValue>): void {
  if (kw.size > 0) throw new ArgError(`unexpected named args: ${[...kw.keys()].join(', ')}`);
}

function lineRange(kw: Map<string, PyValue>): [number, number] {
  const on = takeKw(kw, 'on_line');
  if (on !== undefined) {
    const n = int(on, 'on_line');
    return [n, n];
  }
  const from = takeKw(kw, 'from_line');
  const to = takeKw(kw, 'to_line');
  return [from === undefined ? 1 : int(from, 'from_line'), to === undefined ? 999999 : int(to, 'to_line')];
}

/** The condition of DexLimitSteps and DexFinishTest: none, or an expression and the values it must take. */
function condition(args: PyValue[]): { expression: string | undefined; values: string[] } {
  if (args.length === 1) throw new ArgError('expected 0 or at least 2 positional arguments');
  return { expression: args.length ? str(args[0], 'the expression') : undefined, values: args.slice(1).map(pyStr) };
}

function buildCommand(name: CommandName, call: PyCall, w: Where): Command {
  if (call.name !== name) throw new ArgError(`expected a call of ${name}`);
  const args = call.args;
  const kw = new Map(call.kwargs);
  switch (name) {
    case 'DexExpectWatchValue':
    case 'DexExpectWatchType': {
      if (args.length < 2) throw new ArgError('expected at least two args');
      const expression = str(args[0], 'the expression');
      const values: Expected[] = args.slice(1).map((a) => (a.kind === 'address' ? new AddressExpression(a.name, a.offset) : pyStr(a)));
      const [fromLine, toLine] = lineRange(kw);
      const order = takeKw(kw, 'require_in_order');
      const fr = takeKw(kw, 'float_range');
      let floatRange: number | undefined;
      if (fr !== undefined && fr.kind !== 'none') {
        if (fr.kind !== 'float' && fr.kind !== 'int') throw new ArgError('float_range must be a number');
        floatRange = Number(fr.value);
        for (const v of values) {
          if (typeof v !== 'string' || pyFloat(v) === undefined) throw new ArgError(`Non-float value '${typeof v === 'string' ? v : v.name}' when float_range arg provided`);
        }
      }
      noMoreKw(kw);
      return {
        kind: name,
        ...w,
        expression,
        values,
        fromLine,
        toLine,
        requireInOrder: order === undefined ? true : truthy(order),
        floatRange,
      };
    }
    case 'DexExpectStepOrder': {
      if (args.length === 0) throw new ArgError('Need at least one order number');
      const on = takeKw(kw, 'on_line');
      noMoreKw(kw);
      return { kind: name, ...w, sequence: args.map((a) => int(a, 'an order number')), onLine: on === undefined ? undefined : int(on, 'on_line') };
    }
    case 'DexExpectStepKind': {
      if (args.length !== 2 || kw.size > 0) throw new ArgError('expected two args');
      const k = args[0]?.kind === 'str' ? args[0].value : '';
      if (!(STEP_KINDS as readonly string[]).includes(k)) {
        throw new ArgError(`expected arg 0 to be one of [${STEP_KINDS.map((s) => `'${s}'`).join(', ')}]`);
      }
      return { kind: name, ...w, stepKind: k as StepKind, count: int(args[1], 'the count') };
    }
    case 'DexExpectProgramState': {
      if (args.length !== 1) throw new ArgError('expected exactly one unnamed arg');
      const times = takeKw(kw, 'times');
      noMoreKw(kw);
      return { kind: name, ...w, frames: programState(args[0]!, w), text: pyStr(args[0]!), times: times === undefined ? -1 : int(times, 'times') };
    }
    case 'DexUnreachable': {
      if (args.length !== 0) throw new ArgError('DexUnreachable takes no positional arguments');
      let fromLine: number | undefined;
      let toLine: number | undefined;
      if (kw.has('on_line')) {
        fromLine = toLine = int(takeKw(kw, 'on_line'), 'on_line');
      } else if (kw.has('from_line') && kw.has('to_line')) {
        fromLine = int(takeKw(kw, 'from_line'), 'from_line');
        toLine = int(takeKw(kw, 'to_line'), 'to_line');
      } else if (kw.has('from_line') || kw.has('to_line')) {
        throw new ArgError('Must provide both from_line and to_line to DexUnreachable');
      }
      noMoreKw(kw);
      return { kind: name, ...w, fromLine, toLine };
    }
    case 'DexLimitSteps': {
      const when = condition(args);
      const [fromLine, toLine] = lineRange(kw);
      const hc = takeKw(kw, 'hit_count');
      noMoreKw(kw);
      return {
        kind: name,
        ...w,
        ...when,
        fromLine,
        toLine,
        hitCount: hc === undefined || hc.kind === 'none' ? undefined : int(hc, 'hit_count'),
      };
    }
    case 'DexFinishTest': {
      const when = condition(args);
      if (!kw.has('on_line')) throw new ArgError("missing required keyword argument 'on_line'");
      const onLine = int(takeKw(kw, 'on_line'), 'on_line');
      const hc = takeKw(kw, 'hit_count');
      noMoreKw(kw);
      return {
        kind: name,
        ...w,
        ...when,
        onLine,
        hitCount: hc === undefined ? 0 : int(hc, 'hit_count'),
      };
    }
    case 'DexLabel': {
      if (args.length !== 1) throw new ArgError('expected one label name');
      const label = str(args[0], 'the label');
      const on = takeKw(kw, 'on_line');
      noMoreKw(kw);
      return { kind: name, ...w, label, line: on === undefined ? w.lineno : int(on, 'on_line') };
    }
    case 'DexDeclareFile': {
      if (args.length !== 1 || kw.size > 0) throw new ArgError('expected one file name');
      return { kind: name, ...w, declared: str(args[0], 'the file name') };
    }
    case 'DexDeclareAddress': {
      if (args.length !== 2) throw new ArgError('expected an address name and an expression');
      const addr = str(args[0], 'the address name');
      const expression = str(args[1], 'the expression');
      if (!kw.has('on_line')) throw new ArgError("missing required keyword argument 'on_line'");
      const onLine = int(takeKw(kw, 'on_line'), 'on_line');
      const hc = takeKw(kw, 'hit_count');
      noMoreKw(kw);
      return { kind: name, ...w, name: addr, expression, onLine, hitCount: hc === undefined ? 0 : int(hc, 'hit_count') };
    }
    case 'DexCommandLine': {
      if (args.length !== 1 || kw.size > 0) throw new ArgError('expected one argument, a list');
      const list = args[0]!;
      if (list.kind !== 'list') throw new ArgError(`Expected list, got ${list.kind}`);
      return {
        kind: name,
        ...w,
        args: list.items.map((x) => {
          if (x.kind !== 'str') throw new ArgError(`Command line element "${pyStr(x)}" has type ${x.kind}`);
          return x.value;
        }),
      };
    }
    case 'DexWatch': {
      if (args.length === 0 || kw.size > 0) throw new ArgError('expected some arguments');
      return { kind: name, ...w, expressions: args.map((a) => str(a, 'an expression')) };
    }
  }
}

function truthy(v: PyValue): boolean {
  switch (v.kind) {
    case 'bool': return v.value;
    case 'none': return false;
    case 'int': return v.value !== 0n;
    case 'float': return v.value !== 0;
    case 'str': return v.value !== '';
    case 'list':
    case 'tuple': return v.items.length > 0;
    case 'dict': return v.entries.length > 0;
    case 'address': return true;
  }
}

function dictGet(d: PyValue, key: string): PyValue | undefined {
  if (d.kind !== 'dict') return undefined;
  return d.entries.find(([k]) => k.kind === 'str' && k.value === key)?.[1];
}

function dictKeys(d: PyValue): string[] {
  return d.kind === 'dict' ? d.entries.map(([k]) => pyStr(k)) : [];
}

/** DexExpectProgramState's dict, as dextIR's ProgramState/StackFrame/SourceLocation accept it. */
function programState(v: PyValue, w: Where): ExpectedFrame[] {
  if (v.kind !== 'dict') throw new ArgError('the program state must be a dict');
  const extra = dictKeys(v).filter((k) => k !== 'frames');
  if (extra.length) throw new ArgError(`unexpected keyword argument '${extra[0]}'`);
  const frames = dictGet(v, 'frames');
  if (frames === undefined || frames.kind === 'none') return [];
  if (frames.kind !== 'list') throw new ArgError("'frames' must be a list");
  return frames.items.map((f) => {
    if (f.kind !== 'dict') throw new ArgError('a frame must be a dict');
    const bad = dictKeys(f).filter((k) => !['function', 'is_inlined', 'location', 'watches'].includes(k));
    if (bad.length) throw new ArgError(`unexpected keyword argument '${bad[0]}'`);
    const out: ExpectedFrame = { watches: [] };
    const fn = dictGet(f, 'function');
    if (fn && fn.kind !== 'none') out.function = pyStr(fn);
    const loc = dictGet(f, 'location');
    if (loc && loc.kind !== 'none') {
      if (loc.kind !== 'dict') throw new ArgError("'location' must be a dict");
      const badLoc = dictKeys(loc).filter((k) => !['path', 'lineno', 'column'].includes(k));
      if (badLoc.length) throw new ArgError(`unexpected keyword argument '${badLoc[0]}'`);
      const p = dictGet(loc, 'path');
      const l = dictGet(loc, 'lineno');
      const c = dictGet(loc, 'column');
      out.location = {};
      if (p && p.kind !== 'none' && pyStr(p) !== '') {
        const s = pyStr(p);
        out.location.path = normalize(isAbsolute(s) ? s : join(dirname(w.file), s));
      }
      if (l && l.kind !== 'none') out.location.lineno = int(l, 'lineno');
      if (c && c.kind !== 'none') out.location.column = int(c, 'column');
    }
    const watches = dictGet(f, 'watches');
    if (watches && watches.kind !== 'none') {
      if (watches.kind !== 'dict') throw new ArgError("'watches' must be a dict");
      for (const [k, x] of watches.entries) {
        out.watches.push([pyStr(k), x.kind === 'dict' ? x.entries.map(([a, b]) => [pyStr(a), b] as [string, PyValue]) : pyStr(x)]);
      }
    }
    return out;
  });
}
