/**
 * `jitdbg tui`: the inspector over files or a live process. The command line is parsed and the
 * files read by src/cli/tui.ts; this starts the screen and the work that follows the first
 * frame: demangling, polling a live process (the disassembler loads when code is first shown).
 */
import { render } from 'ink';
import { demangle, disassembler } from '../src/index.js';
import { App } from './app.js';
import { Document } from './model/document.js';
import { LiveModules } from './model/live.js';
import { initialState, World } from './model/state.js';
import { namesChanged } from './model/symbols.js';

export type TuiInput = { files: { name: string; bytes: Uint8Array }[] } | { pid: number };

/** How often a live process's lists are read again. */
const POLL_MS = 500;
/** How long news from a live process stays in the status line. */
const NOTICE_MS = 5000;
/** Names demangled between two chances for the screen to take keys. */
const DEMANGLE_CHUNK = 20_000;

export async function runTui(input: TuiInput): Promise<void> {
  const live = 'pid' in input ? new LiveModules(input.pid) : undefined;
  const initialChanges = live?.poll() ?? [];
  const docs = 'files' in input ? input.files.map((f) => Document.read(f.name, f.bytes)) : live!.docs;
  const world = new World(docs, live !== undefined, (machine) => disassembler(machine));
  const state = initialState(world);
  if (live && docs.length === 0) {
    state.message = `following process ${live.pid}: ${initialChanges.length ? initialChanges.join('; ') : 'no JIT code registered yet'}`;
  }

  // The alternate screen, as less and vim use: the shell's scrollback comes back on exit.
  process.stdout.write('\x1b[?1049h');
  const colors = !process.env.NO_COLOR;
  const app = render(<App world={world} initial={state} colors={colors} />, { exitOnCtrlC: true, patchConsole: false, maxFps: 120 });
  const changed = () => world.changed?.();

  const timers: NodeJS.Timeout[] = [];
  const notify = (text: string) => {
    world.notice = { text, until: Date.now() + NOTICE_MS };
    timers.push(setTimeout(changed, NOTICE_MS + 10));
  };
  // One queue, demangled a chunk per turn of the event loop, so that keys keep being answered.
  const queue: Document[] = [];
  let next = 0;
  let demangling: NodeJS.Immediate | undefined;
  const step = () => {
    demangling = undefined;
    const doc = queue[0];
    if (!doc) return;
    const chunk = doc.symbols.slice(next, next + DEMANGLE_CHUNK);
    const names = demangle(chunk.map((s) => s.sym.name));
    chunk.forEach((s, i) => { s.demangled = names[i]!; });
    next += chunk.length;
    if (next >= doc.symbols.length) {
      namesChanged(doc);
      queue.shift();
      next = 0;
      changed();
    }
    demangling = setImmediate(step);
  };
  const demangleAll = (list: Document[]) => {
    queue.push(...list);
    demangling ??= setImmediate(step);
  };
  demangleAll(docs);

  if (live) {
    timers.push(setInterval(() => {
      try {
        const before = live.docs.length;
        const changes = live.poll();
        if (changes.length === 0) return;
        world.replaceDocs(live.docs);
        notify(changes.join('; '));
        demangleAll(live.docs.slice(before));
        changed();
      } catch (e) {
        notify(`process ${live.pid}: ${(e as Error).message}`);
      }
    }, POLL_MS));
  }

  try {
    await app.waitUntilExit();
  } finally {
    timers.forEach(clearTimeout);
    if (demangling) clearImmediate(demangling);
    app.unmount();
    process.stdout.write('\x1b[?1049l');
  }
}
