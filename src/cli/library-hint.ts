/**
 * Which system library defines a symbol the link could not find, so that the error can say
 * `--lib NAME`. The libraries are those the dynamic loader's cache knows (`ldconfig -p`), read
 * only on this error path; each file's .dynsym is searched with jitdbg's ELF reader.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SHN_UNDEF, SHT_DYNSYM, STB_LOCAL } from '../elf/consts.js';
import { ElfFile } from '../elf/read.js';

/** Past this size a library is not read (libLLVM and the like define nothing a C program misses). */
const MAX_LIBRARY_BYTES = 64 << 20;

/** Sanitizer runtimes intercept half of libc: never the library to suggest. */
const SANITIZER = /^lib(a|t|l|ub|hwa|m)san\./;

/**
 * The x86-64 libraries of the loader's cache, by soname (first path listed for each), versioned
 * names (libuuid.so.1, what a program loads) before the development links (libuuid.so).
 */
function cachedLibraries(): Map<string, string> {
  const out = new Map<string, string>();
  let text: string;
  try {
    text = execFileSync('ldconfig', ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/sbin:/usr/sbin` } });
  } catch {
    return out;
  }
  for (const m of text.matchAll(/^\s+(\S+) \(([^)]*)\) => (\S+)$/gm)) {
    if (m[2]!.includes('x86-64') && !SANITIZER.test(m[1]!) && !out.has(m[1]!)) out.set(m[1]!, m[3]!);
  }
  return new Map([...out].sort(([a], [b]) => Number(a.endsWith('.so')) - Number(b.endsWith('.so'))));
}

/** The globally defined dynamic symbols of a shared library (empty when it cannot be read). */
function definedSymbols(path: string): Set<string> {
  const names = new Set<string>();
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_LIBRARY_BYTES) return names;
    const elf = ElfFile.read(bytes, path);
    for (const t of elf.symbolTables.filter((s) => s.sh_type === SHT_DYNSYM)) {
      for (const s of elf.symbols(t)) if (s.st_shndx !== SHN_UNDEF && s.bind !== STB_LOCAL) names.add(s.name);
    }
  } catch {
    // An unreadable or malformed library is no suggestion.
  }
  return names;
}

/** Per symbol, the soname of the first cached library that defines it. */
export function librariesDefining(symbols: readonly string[]): Map<string, string> {
  const wanted = new Set(symbols);
  const found = new Map<string, string>();
  for (const [soname, path] of cachedLibraries()) {
    if (wanted.size === 0) break;
    const defined = definedSymbols(path);
    for (const name of wanted) {
      if (!defined.has(name)) continue;
      found.set(name, soname);
      wanted.delete(name);
    }
  }
  return found;
}

/** "symbol X is in libY.so.N: add --lib libY.so.N", or undefined when no library is known. */
export function libraryHint(symbols: readonly string[]): string | undefined {
  const found = librariesDefining(symbols);
  if (found.size === 0) return undefined;
  const byLibrary = new Map<string, string[]>();
  for (const [name, lib] of found) byLibrary.set(lib, [...(byLibrary.get(lib) ?? []), name]);
  return [...byLibrary].map(([lib, names]) => `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} in ${lib}: add --lib ${lib}`).join('; ');
}
