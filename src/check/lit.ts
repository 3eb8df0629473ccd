/**
 * LLVM lit's `RUN:` lines, read for the one thing `jitdbg check` takes from them: the compiler
 * flags of the test's build. The first command that builds the test gives them (the `--cflags`
 * of `%dexter`, or a compiler's options, `%clang -O2 -g %s -o %t`); only flags that shape the
 * code or its debug information are kept (-O, -g, -std=, -D, -I, -U, -f, -pthread). Whether the
 * compiler in use accepts each of them is asked of that compiler when the test is built
 * (build.ts acceptedFlags), not decided from a list of clang's options here.
 */

export interface RunLine {
  /** The line the command starts on (1-based). */
  line: number;
  /** The command, continuation lines (`\` at the end) joined. */
  text: string;
}

export interface LitFlags {
  flags: string[];
  /** What was left out or not run, one line each, naming file:line. */
  notes: string[];
}

export function runLines(text: string): RunLine[] {
  const out: RunLine[] = [];
  let current: RunLine | undefined;
  text.split('\n').forEach((lineText, i) => {
    const m = /\bRUN:(.*)$/.exec(lineText);
    if (!m) {
      if (current) out.push(current);
      current = undefined;
      return;
    }
    const body = m[1]!.trim();
    const continued = body.endsWith('\\');
    const part = continued ? body.slice(0, -1).trim() : body;
    if (current) current.text = `${current.text} ${part}`.trim();
    else current = { line: i + 1, text: part };
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

/** Shell words: quotes group and are removed, a backslash escapes the next character. */
export function words(s: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < s.length) word = (word ?? '') + s[++i];
      else word = (word ?? '') + c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < s.length) word = (word ?? '') + s[++i];
    else if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** Commands that build a test from its source: compilers, and Dexter's build substitutions. */
const BUILDER = /^(?:%clang(?:xx|\+\+|_cl)?|%cxx|%cc|%dexter_regression_test(?:_c|_cxx)?_build|(?:.*\/)?(?:clang|clang\+\+|gcc|g\+\+|cc|c\+\+)(?:-[0-9.]+)?)$/;
/** Options whose value is the next word, none of which GCC needs here. */
const WITH_VALUE = new Set(['-o', '-Xclang', '-mllvm', '-target', '-arch', '-isysroot', '-include', '-isystem', '-MF', '-MT', '-x', '-Xlinker', '-Xassembler', '-Xpreprocessor']);
const KEPT = /^(?:-O|-g|-std=|-[DIU].|-f|-pthread$)/;

interface Build {
  line: number;
  flags: string[];
  dropped: string[];
  objectOnly: boolean;
}

/** The flags of one build command's words, `%s`/`%S`/`%p` replaced for `path`. */
function build(line: number, args: string[], path: string): Build {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const ws = args.map((w) => w.replace(/%[Sp]/g, dir).replace(/%s/g, path));
  const b: Build = { line, flags: [], dropped: [], objectOnly: false };
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (w === path || /^%t(?![a-z_])/.test(w) || w === '-v' || w === '-w') continue;
    if (w === '-c') b.objectOnly = true;
    else if (w === '-D' || w === '-I' || w === '-U') b.flags.push(w + (ws[++i] ?? ''));
    else if (WITH_VALUE.has(w)) {
      const value = ws[++i];
      if (w !== '-o') b.dropped.push(`${w} ${value ?? ''}`.trim());
    } else if (KEPT.test(w)) b.flags.push(w);
    else if (!w.startsWith('-') || w.startsWith('%') || /^-[WlLm]/.test(w)) {
      if (w.startsWith('%')) b.dropped.push(w);
    } else b.dropped.push(w);
  }
  return b;
}

/** The build commands of the RUN lines, in order. */
function builds(text: string, path: string): Build[] {
  const out: Build[] = [];
  for (const run of runLines(text)) {
    for (const command of run.text.split(/\s(?:\||&&|;)\s/)) {
      const w = words(command.trim());
      const cflags = w.findIndex((x) => x === '--cflags' || x.startsWith('--cflags='));
      if (cflags >= 0) {
        const value = w[cflags]!.startsWith('--cflags=') ? w[cflags]!.slice('--cflags='.length) : w[cflags + 1] ?? '';
        out.push(build(run.line, words(value), path));
        continue;
      }
      const first = w.findIndex((x) => x !== 'not' && !/^[A-Z_]+=/.test(x));
      if (first >= 0 && BUILDER.test(w[first]!) && w.slice(first + 1).some((x) => x.includes('%s'))) out.push(build(run.line, w.slice(first + 1), path));
    }
  }
  return out;
}

/** The flags of the test's first build, and notes on what is not run. */
export function litFlags(text: string, path: string): LitFlags {
  const notes: string[] = [];
  for (const m of text.matchAll(/\b(XFAIL|REQUIRES|UNSUPPORTED):(.*)$/gm)) notes.push(`${m[1]}:${m[2]!.trimEnd()} (not evaluated)`);
  const [first, ...others] = builds(text, path);
  if (!first) return { flags: [], notes };
  const flags = [...new Set(first.flags)];
  if (first.dropped.length > 0) notes.push(`${path}:${first.line}: not given to the compiler: ${first.dropped.join(' ')}`);
  if (first.objectOnly && !/\bmain\s*\(/.test(text)) notes.push(`${path}:${first.line}: the test debugs an object file with no main, which cannot be run as a program`);
  for (const other of others) {
    if (other.flags.join(' ') !== first.flags.join(' ')) {
      notes.push(`${path}:${other.line}: RUN also builds with ${other.flags.join(' ') || 'no flags'}; only the first configuration (${flags.join(' ') || 'default flags'}) is run`);
    }
  }
  return { flags, notes };
}
