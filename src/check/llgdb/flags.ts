/**
 * Compiler flags from a lit test's `RUN:` lines. The first command that compiles the test's own
 * source (`%s`) with clang gives the flags; those GCC understands and that shape the debug info
 * are kept, the others are dropped with a note.
 */

/** One `RUN:` command, continuation lines (ending in `\`) joined, and the line it starts on. */
export interface RunCommand {
  line: number;
  text: string;
}

export function runCommands(text: string): RunCommand[] {
  const out: RunCommand[] = [];
  let current: RunCommand | undefined;
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

/** Splits a shell command into words; quotes are removed, pipes and `&&` are words. */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(command); m; m = re.exec(command)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** -f flags clang has and GCC does not. */
const clangOnlyF = [
  /^-fblocks$/,
  /^-f(no-)?standalone-debug$/,
  /^-f(no-)?limit-debug-info$/,
  /^-fdebug-info-for-profiling$/,
  /^-f(no-)?modules/,
  /^-fcxx-modules$/,
  /^-f(no-)?experimental-/,
  /^-fsanitize=(safe-stack|cfi.*|dataflow|memtag.*|scudo)$/,
  /^-fno-discard-value-names$/,
  /^-fdebug-default-version=/,
  /^-fms-compatibility/,
  /^-fuse-ctor-homing$/,
  /^-f(no-)?dwarf-directory-asm$/,
];

/** -g flags clang has and GCC does not. */
const clangOnlyG = [/^-glldb$/, /^-gsce$/, /^-gdbx$/, /^-gline-tables-only$/, /^-gline-directives-only$/, /^-gmodules$/, /^-gcodeview/, /^-g(no-)?simple-template-names/, /^-gembed-source$/, /^-gcolumn-info$/];

/** Flags that take the next word as their argument. */
const withArgument = new Set(['-o', '-arch', '-target', '-Xclang', '-mllvm', '-D', '-I', '-U', '-include', '-isystem', '-x', '-MF']);

export interface CompileFlags {
  flags: string[];
  notes: string[];
}

function isCompiler(word: string): boolean {
  return /^%clang(xx|_cc1|_cl)?$/.test(word) || /^(clang|clang\+\+|gcc|g\+\+|cc|c\+\+)(-[0-9.]+)?$/.test(word);
}

/** GCC's share of one compile command's words (the compiler first). */
function sortFlags(words_: string[], path: string, dir: string): { flags: string[]; dropped: string[]; objectOnly: boolean } {
  const flags: string[] = [];
  const dropped: string[] = [];
  let objectOnly = false;
  const ws = words_.map((w) => w.replace(/%S|%p/g, dir).replace(/%s/g, path));
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i]!;
    if (w === path || /^%t($|[^a-z_])/.test(w) || w === '-v') continue;
    if (w === '-c') {
      objectOnly = true;
      continue;
    }
    if (w === '-o') {
      i++;
      continue;
    }
    if (w.startsWith('%')) {
      dropped.push(w);
      continue;
    }
    if (withArgument.has(w)) {
      const arg = ws[i + 1];
      i++;
      if (w === '-D' || w === '-I' || w === '-U') flags.push(w + (arg ?? ''));
      else dropped.push(`${w} ${arg ?? ''}`.trim());
      continue;
    }
    if (/^-O/.test(w) || /^-std=/.test(w) || /^-[DIU]./.test(w)) flags.push(w);
    else if (/^-g/.test(w)) (clangOnlyG.some((r) => r.test(w)) ? dropped : flags).push(w);
    else if (/^-f/.test(w)) (clangOnlyF.some((r) => r.test(w)) ? dropped : flags).push(w);
    else dropped.push(w);
  }
  return { flags, dropped, objectOnly };
}

/** The flags of the first RUN command compiling `%s`, and notes on what was dropped or not run. */
export function compileFlags(text: string, path: string, dir: string): CompileFlags {
  const notes: string[] = [];
  const compiles = runCommands(text)
    .flatMap((r) => r.text.split(/&&|;|\|/).map((t) => ({ line: r.line, words: words(t.trim()) })))
    .filter((c) => c.words.length > 0 && isCompiler(c.words[0]!) && c.words.includes('%s'));
  for (const m of text.matchAll(/\b(XFAIL|REQUIRES|UNSUPPORTED):(.*)$/gm)) {
    notes.push(`${m[1]}:${m[2]!.trimEnd()} (not evaluated)`);
  }
  const first = compiles[0];
  if (!first) return { flags: [], notes };
  const { flags, dropped, objectOnly } = sortFlags(first.words, path, dir);
  if (dropped.length > 0) notes.push(`${path}:${first.line}: compiler flags not passed to GCC: ${dropped.join(' ')}`);
  if (objectOnly && !/\bmain\s*\(/.test(text)) {
    notes.push(`${path}:${first.line}: the test debugs an object file with no main, which cannot be run as a program`);
  }
  for (const other of compiles.slice(1)) {
    const otherFlags = sortFlags(other.words, path, dir).flags;
    if (otherFlags.join(' ') !== flags.join(' ')) {
      notes.push(`${path}:${other.line}: RUN also compiles with ${otherFlags.join(' ') || 'no flags'}; only the first configuration (${flags.join(' ') || 'default flags'}) is run`);
    }
  }
  return { flags, notes };
}
