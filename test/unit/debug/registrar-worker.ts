// A worker thread registering and unregistering images with the process's one descriptor while
// other threads do the same: `cycles` from workerData, then posts how many it did.
import { parentPort, workerData } from 'node:worker_threads';
import { GdbJitRegistrar } from '../../../src/native/gdb-jit.js';

const registrar = new GdbJitRegistrar();
const image = new Uint8Array(64).fill(workerData.tag as number);
const live = [];
for (let i = 0; i < (workerData.cycles as number); i++) {
  live.push(registrar.register(image));
  if (live.length > 3 || i % 2) live.shift()!.dispose();
}
for (const r of live) r.dispose();
parentPort!.postMessage(workerData.cycles);
