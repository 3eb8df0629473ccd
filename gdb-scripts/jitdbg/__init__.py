"""jitdbg's GDB commands, for programs that register code through GDB's JIT interface (jitdbg,
LLVM ORC, Wasmtime, LuaJIT...). `jitdbg gdb` loads them; in any GDB:

    source /path/to/jitdbg/gdb-scripts/jitdbg.py

  jitdbg list        the registered images of every __jit_debug_descriptor (jit list)
  jitdbg dump DIR    each image as DIR/NN-name.elf (jit dump)
  jitdbg verify      the lists and images checked, one line per problem (jit verify)
  jitdbg-break LOC   a breakpoint that stops only in JIT code
  a frame filter     bt ends at the outermost JIT frame
  freed images       breakpoint locations in an unregistered image are disabled before the
                     JIT frees its code (enabled again if an image covers them again)

The first three are GDB's side of `jitdbg jit list|dump|verify --pid PID` and print what they
print. Modules: abi (GDB's JIT ABI, from jit-abi.json), elf and dwarf (readers), image (an
image's summary), process (finding and reading the lists), verify (the checks), commands,
jit_code (jitdbg-break and the frame filter), check (jitdbg-entry, where `jitdbg check` starts).
"""
from . import check, commands, jit_code

commands.register()
check.register(jit_code.register())
