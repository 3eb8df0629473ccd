/** `jitdbg run --dump-images DIR`: each module's debug image, as registered, also written to DIR. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { moduleRegistrar, type ModuleRegistrar } from '../debug/registrar.js';
import type { Target } from '../target/types.js';

/**
 * The target's registrar, writing each image as `DIR/<module>.elf`, named after the first
 * module it describes (`<module>+N.elf` when it describes N more; `.2.elf`... for repeated names).
 * Images are written even when the target registers them nowhere.
 */
export function imageDumper(dir: string, target: Target): ModuleRegistrar {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  const registrar = target.registrar() ?? { read: target.read, register: () => ({ dispose() {} }) };
  return moduleRegistrar(registrar, {
    onImage(names, image) {
      const base = basename(names[0]!) + (names.length > 1 ? `+${names.length - 1}` : '');
      let file = `${base}.elf`;
      for (let n = 2; used.has(file); n++) file = `${base}.${n}.elf`;
      used.add(file);
      writeFileSync(join(dir, file), image);
    },
  });
}
