/** Flags from an environment variable or --cflags: words split at white space, quotes grouping ('-DX="a b"' is one word). */
export function splitFlags(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:"[^"]*"|'[^']*'|\S)+/g)) out.push(m[0].replace(/"([^"]*)"|'([^']*)'/g, '$1$2'));
  return out;
}
