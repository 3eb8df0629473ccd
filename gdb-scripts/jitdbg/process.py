"""The inferior's JIT registrations, found and read as src/live finds and reads them for
`jitdbg jit --pid`, so that both list the same descriptors, in the same order, by the same
object paths.

Descriptors: each ELF file in the inferior's mappings (`info proc mappings`: /proc/PID/maps of
a live process, the NT_FILE note of a core file) that defines __jit_debug_descriptor in its
.symtab, else .dynsym, at st_value plus the file's load bias. GDB itself keeps one descriptor
per objfile, found through its minimal symbols, but GDB 13's Python cannot look a minimal
symbol up in a given objfile (Objfile.lookup_global_symbol sees debug symbols only, and
parse_and_eval finds the first definition), and objfile names are not the mapped paths (a
library dlopened as ./lib.so, /lib rather than /usr/lib)."""
import re
from collections import namedtuple

import gdb

from . import abi, elf

PAGE = 4096
# As src/live/snapshot.ts: beyond these the list is taken for a cycle, the size for garbage.
MAX_ENTRIES = 1000000
MAX_SYMFILE = 1 << 30

# perms is None when GDB does not know them (a core file's mappings).
Mapping = namedtuple("Mapping", "start end perms offset path")
Location = namedtuple("Location", "address object")
Descriptor = namedtuple("Descriptor", "address object version action_flag relevant_entry entries")
Entry = namedtuple("Entry", "index address symfile_addr symfile_size image")
# A descriptor whose list could not be read: error says why.
Broken = namedtuple("Broken", "address object error")

ROW = re.compile(r"^\s*(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)(.*)$")


class ListError(Exception):
    """A list that cannot be read whole: a broken link, a cycle, unreadable memory."""


def mappings(what):
    try:
        text = gdb.execute("info proc mappings", to_string=True)
    except gdb.error as e:
        raise gdb.GdbError("%s: cannot read the process's mappings (info proc mappings: %s)" % (what, e))
    perms = "Perms" in text
    out = []
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            rest = m.group(4).strip()
            out.append(Mapping(int(m.group(1), 16), int(m.group(2), 16), rest[:4] if perms else None,
                               int(m.group(3), 16), (rest[4:] if perms else rest).strip()))
    return out


def find_descriptors(maps):
    """Every __jit_debug_descriptor of the mapped files, in the order of their first mapping."""
    files = {}
    for m in maps:
        if m.path.startswith("/") and not m.path.endswith(" (deleted)"):
            files.setdefault(m.path, []).append(m)
    out = []
    for path, mapped in files.items():
        found = elf.lookup_symbol(path, abi.DESCRIPTOR)
        bias = None if found is None else load_bias(found, mapped)
        if bias is None:
            continue
        address = found.value + bias
        if any(m.start <= address < m.end for m in mapped):
            out.append(Location(address, path))
    return out


def load_bias(found, mapped):
    """0 for a fixed-address executable; for a PIE or shared library, a mapping's start minus the
    page of the PT_LOAD segment it maps."""
    if found.type != elf.ET_DYN:
        return 0
    for m in mapped:
        for p in found.segments:
            if p.type == elf.PT_LOAD and p.offset - p.offset % PAGE == m.offset:
                return m.start - (p.vaddr - p.vaddr % PAGE)
    return None


def read(inferior, address, size, what):
    if size == 0:
        return b""
    try:
        return bytes(inferior.read_memory(address, size))
    except gdb.MemoryError:
        raise ListError("unreadable %s at 0x%x (%d bytes at 0x%x)" % (what, address, size, address))


def read_list(inferior, at):
    """The descriptor at `at` and its list, each back link and symfile checked. GDB has the
    inferior stopped: unlike the CLI, nothing changes while the list is read."""
    d = abi.JIT_DESCRIPTOR.decode(read(inferior, at.address, abi.JIT_DESCRIPTOR.size, abi.DESCRIPTOR))
    entries = []
    seen = set()
    prev = 0
    address = d.first_entry
    while address:
        if address in seen:
            raise ListError("jit_code_entry 0x%x appears twice: the list has a cycle" % address)
        if len(entries) == MAX_ENTRIES:
            raise ListError("the list has more than %d entries" % MAX_ENTRIES)
        seen.add(address)
        e = abi.JIT_CODE_ENTRY.decode(read(inferior, address, abi.JIT_CODE_ENTRY.size, "jit_code_entry"))
        name = "jit_code_entry 0x%x" % address
        if e.prev_entry != prev:
            raise ListError("%s: prev_entry is 0x%x, not 0x%x" % (name, e.prev_entry, prev))
        if e.symfile_size > MAX_SYMFILE:
            raise ListError("%s: symfile_size %d is larger than %d" % (name, e.symfile_size, MAX_SYMFILE))
        image = read(inferior, e.symfile_addr, e.symfile_size, "symfile of " + name)
        entries.append(Entry(len(entries), address, e.symfile_addr, e.symfile_size, image))
        prev = address
        address = e.next_entry
    return Descriptor(at.address, at.object, d.version, d.action_flag, d.relevant_entry, entries)


def registrations(what):
    """(the mappings, every descriptor each with its list or why there is none) of the selected
    inferior; gdb.GdbError, prefixed with `what`, when there is no process or no descriptor."""
    inferior = gdb.selected_inferior()
    if inferior.pid == 0:
        raise gdb.GdbError("%s: no process (run the program, attach to one or load a core file)" % what)
    maps = mappings(what)
    found = find_descriptors(maps)
    if not found:
        raise gdb.GdbError("%s: process %d has no %s: no mapped object defines one" % (what, inferior.pid, abi.DESCRIPTOR))
    descriptors = []
    for at in found:
        try:
            descriptors.append(read_list(inferior, at))
        except ListError as e:
            descriptors.append(Broken(at.address, at.object, str(e)))
    return maps, descriptors
