/** `jitdbg run --dump-images DIR`: each module's debug image, as registered, also written to DIR. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gdbModuleRegistrar } from '../debug/gdb-jit.js';
import type { ModuleRegistrar } from '../session.js';

/** The session's GDB registrar, writing `DIR/<module>.elf` (`<module>.2.elf`... for repeated names). */
export function imageDumper(dir: string): ModuleRegistrar {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  return gdbModuleRegistrar({
    onImage(name, image) {
      const base = basename(name);
      let file = `${base}.elf`;
      for (let n = 2; used.has(file); n++) file = `${base}.${n}.elf`;
      used.add(file);
      writeFileSync(join(dir, file), image);
    },
  });
}
