/**
 * `text` as a c-string argument of an MI command. GDB's MI input parser (mi-parse.c, through
 * parse_escape) undoes these escapes; bytes >= 0x80 pass through as they are.
 */
export function quoteCString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
