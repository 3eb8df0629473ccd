# GDB commands for programs that register code through GDB's JIT interface (jitdbg, LLVM ORC,
# Wasmtime, LuaJIT...). Loaded by `jitdbg gdb`; elsewhere: `source gdb-scripts/jitdbg.py`.
#
#   jitdbg    lists the jit_code_entry records of __jit_debug_descriptor, newest first: the
#             in-memory object file of each, what it describes (its STT_FILE symbols: jitdbg
#             writes each module's name there; "a.o +2" is an image of a batch of three
#             modules), its code range and its number of functions.
import struct

import gdb

SHT_SYMTAB = 2
SHF_EXECINSTR = 0x4
STT_FUNC = 2
STT_FILE = 4


def read(inferior, address, size):
    return bytes(inferior.read_memory(address, size))


def describe_image(inferior, address, size):
    """(name, code range, function count) of an ELF64 image in memory, as far as it can be read."""
    header = read(inferior, address, 64)
    if header[:4] != b"\x7fELF" or header[4] != 2:
        return ("(not ELF64)", "", 0)
    e_shoff, = struct.unpack_from("<Q", header, 0x28)
    e_shentsize, e_shnum, e_shstrndx = struct.unpack_from("<HHH", header, 0x3A)
    if e_shnum == 0 and e_shoff:
        e_shnum, = struct.unpack_from("<Q", read(inferior, address + e_shoff + 32, 8))
    if not e_shoff or e_shoff + e_shnum * e_shentsize > size:
        return ("", "", 0)
    table = read(inferior, address + e_shoff, e_shnum * e_shentsize)
    sections = [struct.unpack_from("<IIQQQQIIQQ", table, i * e_shentsize) for i in range(e_shnum)]
    code = [(s[3], s[3] + s[5]) for s in sections if s[2] & SHF_EXECINSTR and s[5]]
    extent = "0x%x-0x%x" % (min(c[0] for c in code), max(c[1] for c in code)) if code else ""
    names, functions = [], 0
    for s in sections:
        if s[1] != SHT_SYMTAB or s[6] >= e_shnum or s[4] + s[5] > size:
            continue
        strtab = sections[s[6]]
        symbols = read(inferior, address + s[4], s[5])
        strings = read(inferior, address + strtab[4], strtab[5]) if strtab[4] + strtab[5] <= size else b""
        for at in range(24, len(symbols) - 23, 24):
            st_name, st_info = struct.unpack_from("<IB", symbols, at)
            if st_info & 0xF == STT_FUNC:
                functions += 1
            elif st_info & 0xF == STT_FILE and st_name < len(strings):
                names.append(strings[st_name:strings.index(b"\0", st_name)].decode("utf-8", "replace"))
    name = names[0] + (" +%d" % (len(names) - 1) if len(names) > 1 else "") if names else ""
    return (name, extent, functions)


class JitdbgCommand(gdb.Command):
    """List the in-memory object files registered through GDB's JIT interface.

Walks __jit_debug_descriptor's list: entry and image addresses, image size, the module's
name, its code range and how many functions its symbol table holds."""

    def __init__(self):
        super().__init__("jitdbg", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        inferior = gdb.selected_inferior()
        if inferior.pid == 0:
            raise gdb.GdbError("jitdbg: the program is not running")
        try:
            descriptor = int(gdb.parse_and_eval("(unsigned long) &__jit_debug_descriptor"))
        except gdb.error:
            raise gdb.GdbError("jitdbg: this program has no __jit_debug_descriptor (yet)")
        version, action, relevant, entry = struct.unpack("<IIQQ", read(inferior, descriptor, 24))
        print("__jit_debug_descriptor at 0x%x: version %d, action_flag %d, relevant_entry 0x%x" % (descriptor, version, action, relevant))
        print("%-3s %-18s %-18s %10s  %-24s %-33s %s" % ("#", "entry", "symfile", "size", "name", "code", "functions"))
        seen = set()
        index = 0
        while entry and entry not in seen:
            seen.add(entry)
            next_entry, _prev, symfile, size = struct.unpack("<QQQQ", read(inferior, entry, 32))
            try:
                name, extent, functions = describe_image(inferior, symfile, size)
            except gdb.MemoryError:
                name, extent, functions = "(unreadable)", "", 0
            print("%-3d 0x%016x 0x%016x %10d  %-24s %-33s %d" % (index, entry, symfile, size, name, extent, functions))
            index += 1
            entry = next_entry
        if entry:
            print("jitdbg: the list loops back to 0x%x" % entry)


JitdbgCommand()
