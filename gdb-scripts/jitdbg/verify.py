"""The problems of the inferior's registrations, one line each, in the format of
src/live/verify.ts: `descriptor ADDR (OBJECT): [entry N (ADDR): ]problem`."""
from . import abi, dwarf, elf
from .image import summarize, symbol_address


def verify(descriptors, maps):
    """Problem lines; `maps` without permissions (a core file's) skips the check that code is mapped executable."""
    problems = []
    for d in descriptors:
        at = "descriptor 0x%x (%s)" % (d.address, d.object)
        if hasattr(d, "error"):
            problems.append("%s: %s" % (at, d.error))
            continue
        if d.version != abi.VERSION:
            problems.append("%s: version %d, GDB reads only version %d" % (at, d.version, abi.VERSION))
        if d.action_flag not in abi.ACTIONS.values():
            problems.append("%s: action_flag %d is not a jit_actions_t" % (at, d.action_flag))
        # LLVM ORC leaves JIT_REGISTER_FN set after registering; then relevant_entry must be listed.
        if d.action_flag == abi.JIT_REGISTER_FN and not any(e.address == d.relevant_entry for e in d.entries):
            problems.append("%s: action_flag is JIT_REGISTER_FN but relevant_entry 0x%x is not in the list" % (at, d.relevant_entry))
        for e in d.entries:
            problems += ["%s: entry %d (0x%x): %s" % (at, e.index, e.address, p) for p in entry_problems(e, maps)]
    return problems


def entry_problems(entry, maps):
    s = summarize(entry.image)
    if isinstance(s.elf, elf.FormatError):
        return ["not an ELF file our reader takes: %s" % s.elf]
    if s.elf.machine != elf.EM_X86_64:
        return ["e_machine %d is not x86-64 (%d)" % (s.elf.machine, elf.EM_X86_64)]
    out = []
    if maps[0].perms is not None:
        out += ["%s 0x%x-0x%x is not mapped executable" % (c.name, c.addr, c.addr + c.size)
                for c in s.code_sections if not mapped_executable(maps, c.addr, c.addr + c.size)]

    def inside(begin, end):
        return any(c.addr <= begin and end <= c.addr + c.size for c in s.code_sections)
    for f in s.functions:
        a = symbol_address(s.elf, f)
        if not inside(a, a + f.size):
            out.append("function %s 0x%x+%d is outside the code" % (f.name, a, f.size))
    try:
        out += ["DWARF unit 0x%x 0x%x-0x%x is outside the code" % r for r in dwarf.unit_ranges(s.elf) if not inside(r[1], r[2])]
    except elf.FormatError as error:
        out.append("DWARF unreadable: %s" % error)
    return out


def mapped_executable(maps, start, end):
    """Whether [start, end) is covered by executable mappings."""
    at = start
    for m in maps:
        if m.perms[2] == "x" and m.start <= at < m.end:
            at = m.end
        if at >= end:
            return True
    return at >= end
