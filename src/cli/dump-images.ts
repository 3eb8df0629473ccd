/** `jitdbg run --dump-images DIR`: each module's debug image, as registered, also written to DIR. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gdbModuleRegistrar } from '../debug/gdb-jit.js';
import type { ModuleRegistrar } from '../session.js';

/**
 * The session's GDB registrar, writing each image as `DIR/<module>.elf`, named after the first
 * module it describes (`<module>+N.elf` when it describes N more; `.2.elf`... for repeated names).
 */
export function imageDumper(dir: string): ModuleRegistrar {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  return gdbModuleRegistrar({
    onImage(names, image) {
      const base = basename(names[0]!) + (names.length > 1 ? `+${names.length - 1}` : '');
      let file = `${base}.elf`;
      for (let n = 2; used.has(file); n++) file = `${base}.${n}.elf`;
      used.add(file);
      writeFileSync(join(dir, file), image);
    },
  });
}
