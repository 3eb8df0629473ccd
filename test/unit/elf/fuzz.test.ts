// Seeded mutation fuzz of the ELF reader over the corpus objects and libc.so.6: only
// FormatError may escape, and no read may hang (a worker that stops reporting progress is
// terminated and the test fails, naming the input it was on).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { corpusObjects, root, systemFiles } from '../../fixtures/corpus.js';
import type { FuzzJob, FuzzMessage } from './fuzz-worker.js';

/** At least this many inputs; more while the time budget lasts. */
const MIN_INPUTS = 20_000;
const MAX_INPUTS = 200_000;
const BUDGET_MS = 8_000;
/** A worker silent this long is taken to hang on its current input. */
const STALL_MS = 20_000;
const SEED = 0x5eed_e1f;

test(`fuzz: at least ${MIN_INPUTS} mutated ELF files raise nothing but FormatError and never hang`, async (t) => {
  const files = [...corpusObjects().map((o) => o.object), systemFiles().find((f) => f.includes('libc.so'))!];
  const job: FuzzJob = { seed: SEED, min: MIN_INPUTS, max: MAX_INPUTS, budgetMs: BUDGET_MS, files, failures: join(root, '.cache', 'fuzz-failures') };
  const started = Date.now();
  const failures: string[] = [];
  const result = await new Promise<{ done: number; rejected: number }>((resolve, reject) => {
    const worker = new Worker(new URL('./fuzz-worker.js', import.meta.url), { workerData: job });
    let done = 0;
    let timer = setTimeout(stalled, STALL_MS);
    function stalled(): void {
      void worker.terminate();
      reject(new Error(`the reader hangs: no progress for ${STALL_MS / 1000} s after input ${done} (seed ${SEED}); rerun the worker to the next 200 inputs to find it`));
    }
    worker.on('message', (m: FuzzMessage) => {
      clearTimeout(timer);
      timer = setTimeout(stalled, STALL_MS);
      if (m.kind === 'progress') done = m.done;
      else if (m.kind === 'failure') failures.push(`input ${m.index} (from ${m.source}, saved as ${m.saved}):\n${m.error}`);
      else { clearTimeout(timer); resolve(m); }
    });
    worker.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
  const seconds = (Date.now() - started) / 1000;
  t.diagnostic(`${result.done} inputs in ${seconds.toFixed(1)} s; ${result.rejected} rejected with FormatError, ${result.done - result.rejected - failures.length} read cleanly`);
  assert.deepEqual(failures, [], 'only FormatError may escape the reader');
  assert.ok(result.done >= MIN_INPUTS, `${result.done} inputs`);
  assert.ok(result.rejected > result.done / 10, 'the mutations reach the checks');
});
