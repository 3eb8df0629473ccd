// FileCheck's CHECK lines, enough of them to compare a report with Dexter's own expected output.
import assert from 'node:assert/strict';

/**
 * A small FileCheck: CHECK (and CHECK-LABEL) find a later line containing the pattern,
 * CHECK-NEXT the very next line; [[NAME:regex]] captures, [[NAME]] reuses; blanks are loose.
 */
export function fileCheck(checks: string, output: string): void {
  const lines = output.split('\n');
  const vars = new Map<string, string>();
  let at = -1;
  for (const m of checks.matchAll(/\/\/ CHECK(-NEXT|-LABEL)?: (.*)$/gm)) {
    const kind = m[1] ?? '';
    const pattern = m[2]!.trim();
    const names: string[] = [];
    let re = '';
    for (const part of pattern.split(/(\[\[[A-Za-z_]\w*(?::.+?)?\]\])/)) {
      const v = /^\[\[([A-Za-z_]\w*)(?::(.+?))?\]\]$/.exec(part);
      if (v) {
        if (v[2] !== undefined) {
          names.push(v[1]!);
          re += `(${v[2]})`;
        } else {
          assert.ok(vars.has(v[1]!), `FileCheck variable ${v[1]} is defined`);
          re += vars.get(v[1]!)!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
      } else re += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    }
    const rx = new RegExp(re);
    const tryLine = (i: number): boolean => {
      const r = rx.exec(lines[i] ?? '');
      if (!r) return false;
      names.forEach((n, k) => vars.set(n, r[k + 1]!));
      at = i;
      return true;
    };
    if (kind === '-NEXT') assert.ok(tryLine(at + 1), `CHECK-NEXT: ${pattern}\nafter line ${at + 1} of:\n${output}`);
    else {
      let found = false;
      for (let i = at + 1; i < lines.length && !found; i++) found = tryLine(i);
      assert.ok(found, `CHECK${kind}: ${pattern}\nnot found after line ${at + 1} of:\n${output}`);
    }
  }
}
