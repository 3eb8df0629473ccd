/** What `jitdbg check` prints and writes: a text report per test, a summary, JSON and JUnit XML. */
import { relative } from 'node:path';
import type { Difference } from './parity.js';
import type { FileResult, TestResult } from './runner.js';

/** Differences printed per test; the JSON file has them all. */
const SHOWN_DIFFERENCES = 10;

/** A test's text: one line per mode, the format's own report, notes, and the parity differences. */
export function textReport(r: FileResult, verbose: boolean): string {
  const out: string[] = [];
  const name = display(r.file);
  for (const t of r.results) {
    out.push(`${t.status.toUpperCase()} ${name} [${t.mode}] (${t.format ?? 'unknown format'}, ${t.seconds.toFixed(1)} s)${t.reason ? `: ${t.reason}` : ''}`);
    for (const n of t.notes) out.push(`note: ${n}`);
    if ((verbose || t.status !== 'pass') && t.report.trim()) out.push(t.report.trimEnd());
  }
  if (r.differences.length > 0) {
    out.push(`DIFFER ${name}: ${r.differences.length} difference${r.differences.length === 1 ? '' : 's'} between native and JIT`);
    for (const d of r.differences.slice(0, SHOWN_DIFFERENCES)) out.push(`  step ${d.step}: native ${d.native}, JIT ${d.jit}`);
    if (r.differences.length > SHOWN_DIFFERENCES) out.push(`  ... and ${r.differences.length - SHOWN_DIFFERENCES} more (--json FILE lists them all)`);
  }
  if (r.updated) out.push(`updated ${name}`);
  return `${out.join('\n')}\n`;
}

export function summary(results: readonly FileResult[], seconds: number): string {
  const tests = results.flatMap((r) => r.results);
  const count = (s: TestResult['status']) => tests.filter((t) => t.status === s).length;
  const diffs = results.reduce((n, r) => n + r.differences.length, 0);
  const differing = results.filter((r) => r.differences.length > 0).length;
  const parts = [`${count('pass')} passed`, `${count('fail')} failed`, `${count('error')} errors`];
  if (results.some((r) => r.results.length > 1)) parts.push(`${diffs} differences in ${differing} test${differing === 1 ? '' : 's'}`);
  return `${tests.length} test runs of ${results.length} file${results.length === 1 ? '' : 's'}: ${parts.join(', ')} (${seconds.toFixed(1)} s)\n`;
}

/** Whether the run as a whole failed: a test that did not pass, or a difference in parity mode. */
export function failed(results: readonly FileResult[]): boolean {
  return results.some((r) => r.differences.length > 0 || r.results.some((t) => t.status !== 'pass'));
}

export function json(results: readonly FileResult[]): string {
  return `${JSON.stringify({
    tests: results.flatMap((r) => r.results.map((t) => ({
      file: display(t.file),
      format: t.format ?? null,
      mode: t.mode,
      status: t.status,
      reason: t.reason ?? null,
      metrics: t.metrics,
    }))),
    differences: results.flatMap((r) => r.differences.map((d: Difference) => ({ file: display(d.file), step: d.step, native: d.native, jit: d.jit }))),
  }, null, 2)}\n`;
}

/** JUnit XML: a testcase per test and mode, and one per file whose native and JIT runs differ. */
export function junit(results: readonly FileResult[], seconds: number): string {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  for (const r of results) {
    for (const t of r.results) {
      const head = `  <testcase classname="${xml(t.format ?? 'unknown')}" name="${xml(`${display(t.file)} [${t.mode}]`)}" time="${t.seconds.toFixed(3)}"`;
      if (t.status === 'pass') cases.push(`${head}/>`);
      else {
        const tag = t.status === 'fail' ? 'failure' : 'error';
        if (tag === 'failure') failures++;
        else errors++;
        cases.push(`${head}>\n    <${tag} message="${xml(t.reason ?? '')}">${xml(t.report)}</${tag}>\n  </testcase>`);
      }
    }
    if (r.differences.length > 0) {
      failures++;
      const body = r.differences.map((d) => `step ${d.step}: native ${d.native}, JIT ${d.jit}`).join('\n');
      cases.push(`  <testcase classname="parity" name="${xml(`${display(r.file)} [parity]`)}" time="0">\n    <failure message="${r.differences.length} differences between native and JIT">${xml(body)}</failure>\n  </testcase>`);
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="jitdbg check" tests="${cases.length}" failures="${failures}" errors="${errors}" time="${seconds.toFixed(3)}">\n${cases.join('\n')}\n</testsuite>\n`;
}

/** Paths relative to the working directory when they are under it. */
function display(file: string): string {
  const r = relative(process.cwd(), file);
  return r.startsWith('..') ? file : r;
}

function xml(text: string): string {
  // XML 1.0 allows no control characters but tab, newline and carriage return.
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '').replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
