/**
 * Itanium C++ ABI names demangled by the C++ runtime's own `__cxa_demangle` (libstdc++), spelled
 * as c++filt and GDB print them.
 */
import koffi from 'koffi';
import { NativeError } from './libc.js';

const LIBRARY = 'libstdc++.so.6';

type CxaDemangle = (mangled: string, buffer: null, length: null, status: null) => string | null;

/** Bound on first use: a caller that never demangles does not load libstdc++. */
let cxaDemangle: CxaDemangle | undefined;

function bind(): CxaDemangle {
  let lib: ReturnType<typeof koffi.load>;
  try {
    lib = koffi.load(LIBRARY);
  } catch (e) {
    throw new NativeError(`cannot load the library: ${(e as Error).message}`, { file: LIBRARY });
  }
  // `!`: once koffi has copied the string it frees the malloc'd buffer with the C library's free.
  return lib.func('char *! __cxa_demangle(const char *mangled, char *buffer, size_t *length, int *status)');
}

/**
 * The standard abbreviations that c++filt and GDB spell out (libiberty's DMGL_VERBOSE) and
 * __cxa_demangle does not: `Ss`, `Si`, `So` and `Sd` demangle to these names and nothing else
 * does, as they are typedefs and a mangled name has no typedefs.
 */
const VERBOSE: Record<string, string> = {
  'std::string': 'std::basic_string<char, std::char_traits<char>, std::allocator<char> >',
  'std::istream': 'std::basic_istream<char, std::char_traits<char> >',
  'std::ostream': 'std::basic_ostream<char, std::char_traits<char> >',
  'std::iostream': 'std::basic_iostream<char, std::char_traits<char> >',
};
const ABBREVIATED = /\bstd::(?:string|istream|ostream|iostream)\b/g;

function cxxfilt(f: CxaDemangle, mangled: string): string | null {
  return f(mangled, null, null, null)?.replace(ABBREVIATED, (s) => VERBOSE[s]!) ?? null;
}

/**
 * Each name demangled as c++filt and GDB print it. A symbol version
 * (`_ZSt7nothrow@@GLIBCXX_3.4`, as .symtab names versioned references) is kept after the
 * demangled name. Names that are not mangled C++ names come back as they are: only `_Z...` is
 * tried, because __cxa_demangle also decodes bare type codes (a C symbol `i` would become
 * `int`), and a name that does not demangle is kept.
 */
export function demangle(names: readonly string[]): string[] {
  const f = (cxaDemangle ??= bind());
  return names.map((name) => {
    if (!name.startsWith('_Z')) return name;
    const at = name.indexOf('@'); // never part of a mangled name
    if (at < 0) return cxxfilt(f, name) ?? name;
    const plain = cxxfilt(f, name.slice(0, at));
    return plain === null ? name : plain + name.slice(at);
  });
}
