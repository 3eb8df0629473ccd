/** DWARF register numbers to names, per architecture (the psABI tables; LLVM's spellings). */

const X86_64: string[] = [
  'RAX', 'RDX', 'RCX', 'RBX', 'RSI', 'RDI', 'RBP', 'RSP',
  ...Array.from({ length: 8 }, (_, i) => `R${i + 8}`),
  'RIP',
  ...Array.from({ length: 16 }, (_, i) => `XMM${i}`),
  ...Array.from({ length: 8 }, (_, i) => `ST${i}`),
  ...Array.from({ length: 8 }, (_, i) => `MM${i}`),
  'RFLAGS', 'ES', 'CS', 'SS', 'DS', 'FS', 'GS', '', '', 'FS_BASE', 'GS_BASE',
];
for (let i = 0; i < 16; i++) X86_64[67 + i] = `XMM${i + 16}`;
for (let i = 0; i < 8; i++) X86_64[118 + i] = `K${i}`;

const AARCH64: string[] = [...Array.from({ length: 31 }, (_, i) => `X${i}`), 'SP'];
for (let i = 0; i < 32; i++) AARCH64[64 + i] = `V${i}`;

/** The name of DWARF register `n` on `machine`, or undefined. */
export function registerName(machine: 'x86-64' | 'aarch64' | undefined, n: number): string | undefined {
  const name = (machine === 'aarch64' ? AARCH64 : X86_64)[n];
  return name ? name : undefined;
}
