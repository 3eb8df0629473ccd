/**
 * Compiler flags from a Dexter test's lit `RUN:` lines: the `--cflags "..."` given to %dexter,
 * or the options of a compile line (`%clang++ -O2 -g %s -o %t`). Only the flags that change the
 * code or its debug information are kept (-O, -g, -std=, -D, -I, -f); clang-only ones are
 * dropped with a note, since the runner compiles with GCC.
 */

export interface RunFlags {
  flags: string[];
  notes: string[];
}

/** -g options GCC 12 knows. Anything else after -g is clang's (-glldb, -gline-tables-only, -gsce...). */
const GCC_G = /^-g(?:[0-3]?|gdb[0-3]?|dwarf(?:-[2-5])?|dwarf32|dwarf64|split-dwarf|z(?:=.*)?|(?:no-)?column-info|(?:no-)?strict-dwarf|(?:no-)?record-gcc-switches|(?:no-)?pubnames|gnu-pubnames|(?:no-)?statement-frontiers|(?:no-)?variable-location-views(?:=incompat5)?|(?:no-)?inline-points|(?:no-)?describe-dies|(?:no-)?as-loc-support|(?:no-)?as-locview-support|(?:no-)?internal-reset-location-views|btf|ctf[0-2]?)$/;

/** -f options that only clang has (the ones Dexter's and debuginfo tests use, and their families). */
const CLANG_ONLY_F = [
  /^-f(?:no-)?standalone-debug$/,
  /^-f(?:no-)?limit-debug-info$/,
  /^-f(?:no-)?debug-info-for-profiling$/,
  /^-fdebug-default-version=/,
  /^-f(?:no-)?extend-(?:lifetimes|variable-liveness)(?:=.*)?$/,
  /^-f(?:no-)?discard-value-names$/,
  /^-fexperimental-/,
  /^-f(?:no-)?color-diagnostics$/,
  /^-f(?:no-)?use-ctor-homing$/,
  /^-fdebug-.*lldb/,
  /^-f(?:no-)?debug-ranges-base-address$/,
  /^-f(?:no-)?split-dwarf-inlining$/,
  /^-f(?:no-)?unique-internal-linkage-names$/,
  /^-fmodules/,
  /^-fcxx-modules$/,
  /^-fms-/,
  /^-fsanitize-coverage=/,
  /^-fpass-plugin=/,
  /^-fopenmp-/,
  /^-f(?:no-)?pseudo-probe-for-profiling$/,
  /^-f(?:no-)?assume-sane-operator-new$/,
  /^-f(?:no-)?debug-macro$/,
  /^-f(?:no-)?force-dwarf-frame$/,
  /^-f(?:no-)?coverage-mapping$/,
  /^-fprofile-instr-/,
];

const OPT_LEVELS = /^-O(?:[0-3]|s|g|fast|z)?$/;

/** Shell-like words of a RUN line: quotes group, backslashes escape. */
function words(s: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  let q: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = undefined;
      else if (c === '\\' && q === '"' && i + 1 < s.length) cur = (cur ?? '') + s[++i];
      else cur = (cur ?? '') + c;
    } else if (c === "'" || c === '"') {
      q = c;
      cur = cur ?? '';
    } else if (c === '\\' && i + 1 < s.length) {
      cur = (cur ?? '') + s[++i];
    } else if (/\s/.test(c)) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else cur = (cur ?? '') + c;
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

/** The RUN lines, continuation lines (`\` at the end) joined. */
function runLines(text: string): string[] {
  const out: string[] = [];
  let acc: string | undefined;
  for (const line of text.split('\n')) {
    const m = /\bRUN:(.*)$/.exec(line);
    if (!m) continue;
    let body = m[1]!.trim();
    const cont = body.endsWith('\\');
    if (cont) body = body.slice(0, -1);
    acc = acc === undefined ? body : `${acc} ${body}`;
    if (!cont) {
      out.push(acc);
      acc = undefined;
    }
  }
  if (acc !== undefined) out.push(acc);
  return out;
}

const COMPILER = /(?:^|\/)(?:%?clang(?:\+\+|xx|_cl)?|%?gcc|%?g\+\+|%cxx|%cc|%dexter_regression_test(?:_c|_cxx)?_build|%dexter_base|%dexter)$/;

export function runLineFlags(text: string): RunFlags {
  const flags: string[] = [];
  const notes: string[] = [];
  const dropped: string[] = [];
  const take = (opts: string[]): void => {
    for (let i = 0; i < opts.length; i++) {
      const o = opts[i]!;
      // -D X / -I X given as two words.
      if ((o === '-D' || o === '-I') && i + 1 < opts.length) {
        flags.push(o + opts[++i]!);
        continue;
      }
      // Options whose value is the next word: that word is no flag of its own.
      if (['-Xclang', '-mllvm'].includes(o) && i + 1 < opts.length) {
        dropped.push(`${o} ${opts[++i]!}`);
        continue;
      }
      if (['-o', '-Xlinker', '-Xassembler', '-Xpreprocessor', '-target', '-arch', '-isysroot', '-include', '-MF', '-MT', '-x'].includes(o)) {
        i++;
        continue;
      }
      if (OPT_LEVELS.test(o) || /^-std=/.test(o) || /^-[DI]./.test(o)) flags.push(o);
      else if (o.startsWith('-g')) (GCC_G.test(o) ? flags : dropped).push(o);
      else if (o.startsWith('-f')) (CLANG_ONLY_F.some((r) => r.test(o)) ? dropped : flags).push(o);
    }
  };
  for (const line of runLines(text)) {
    // Each command of a pipeline or sequence is looked at separately.
    for (const cmd of line.split(/\s(?:\||&&|;)\s/)) {
      const w = words(cmd.trim());
      const ci = w.findIndex((x) => x === '--cflags' || x.startsWith('--cflags='));
      if (ci >= 0) {
        const v = w[ci]!.startsWith('--cflags=') ? w[ci]!.slice('--cflags='.length) : w[ci + 1] ?? '';
        take(words(v));
        continue;
      }
      const first = w.findIndex((x) => x !== 'not' && !/^[A-Z_]+=/.test(x));
      if (first >= 0 && COMPILER.test(w[first]!) && !/^%dexter(?:_base)?$/.test(w[first]!)) take(w.slice(first + 1));
    }
  }
  if (dropped.length) {
    notes.push(`clang-only compiler flags ignored (GCC has no equivalent): ${[...new Set(dropped)].join(' ')}`);
  }
  return { flags: dedupe(flags), notes };
}

function dedupe(a: string[]): string[] {
  const seen = new Set<string>();
  return a.filter((x) => (seen.has(x) ? false : (seen.add(x), true)));
}
