"""`jitdbg list`, `jitdbg dump DIR`, `jitdbg verify`: GDB's side of `jitdbg jit list|dump|verify
--pid PID` (src/cli/jit.ts), with the same rows, file names and problem lines."""
import os
import re

import gdb

from . import elf, process
from .image import summarize
from .verify import verify


def width(text):
    """The CLI pads JavaScript strings, whose length counts UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def lists(what):
    """Every descriptor with its list; the first that cannot be read whole is the error, as for the CLI."""
    _, descriptors = process.registrations(what)
    for d in descriptors:
        if isinstance(d, process.Broken):
            raise gdb.GdbError("%s: %s" % (what, d.error))
    return descriptors


def no_arguments(what, argument):
    if argument.strip():
        raise gdb.GdbError("%s: unexpected '%s' (it takes no arguments)" % (what, argument.strip()))


def list_text(descriptors):
    blocks = []
    for d in descriptors:
        head = "descriptor 0x%x in %s: version %d, action_flag %d, %d entries\n" % (d.address, d.object, d.version, d.action_flag, len(d.entries))
        table = [["#", "entry", "symfile", "size", "name", "code", "functions"]]
        for e in d.entries:
            s = summarize(e.image)
            name = s.name or ("(not ELF)" if isinstance(s.elf, elf.FormatError) else "")
            code = "0x%x-0x%x" % s.code if s.code else ""
            table.append([str(e.index), "0x%x" % e.address, "0x%x" % e.symfile_addr, str(e.symfile_size), name, code, str(len(s.functions))])
        widths = [max(width(row[i]) for row in table) for i in range(len(table[0]))]
        blocks.append(head + "".join("  %s\n" % "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths)).rstrip() for row in table))
    return "\n".join(blocks)


def dump_name(image):
    """The first STT_FILE name's last path component, made safe as the CLI makes it (JavaScript's \\w, per UTF-16 code unit), or `image`."""
    name = re.sub(r" \+[0-9]+\Z", "", summarize(image).name).rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9_.-]", lambda m: "_" * width(m.group()), name) or "image"


class JitdbgCommand(gdb.Command):
    """Inspect what the program registered through GDB's JIT interface.

Every __jit_debug_descriptor of the process is read: one per executable or library that
defines it (two copies of a JIT library loaded RTLD_LOCAL are two descriptors), found in the
symbol tables of the files in `info proc mappings`, as `jitdbg jit --pid PID` finds them.

  jitdbg list        per descriptor, one row per jit_code_entry
  jitdbg dump DIR    each image, byte for byte, as DIR/NN-name.elf
  jitdbg verify      one line per problem in the lists and images

Loaded by `jitdbg gdb`; elsewhere: source /path/to/jitdbg/gdb-scripts/jitdbg.py"""

    def __init__(self):
        super().__init__("jitdbg", gdb.COMMAND_DATA, gdb.COMPLETE_NONE, True)

    def invoke(self, argument, from_tty):
        # GDB hands this command the subcommands it does not know.
        if argument.strip():
            raise gdb.GdbError("jitdbg: expected list, dump or verify, got '%s' (help jitdbg)" % argument.strip())
        gdb.execute("help jitdbg", from_tty)


class ListCommand(gdb.Command):
    """List the images registered through GDB's JIT interface: jitdbg list.

Per descriptor, a line `descriptor ADDR in OBJECT: version V, action_flag A, N entries`, then
one row per jit_code_entry, newest first: index, entry address, symfile_addr, symfile_size,
name (the image's STT_FILE symbols: the first, "+N" for N more, as in a batch of modules;
"(not ELF)"), code range (lowest sh_addr to highest end of the executable sections) and number
of function symbols. The rows are those of `jitdbg jit list --pid PID`; entry, symfile and size
are those of `maint info jit`."""

    def __init__(self):
        super().__init__("jitdbg list", gdb.COMMAND_DATA, gdb.COMPLETE_NONE)

    def invoke(self, argument, from_tty):
        no_arguments("jitdbg list", argument)
        gdb.write(list_text(lists("jitdbg list")))


class DumpCommand(gdb.Command):
    """Write each registered image to a directory: jitdbg dump DIR.

Each image, byte for byte as in the process's memory, as DIR/NN-name.elf: NN counts across
descriptors in list order, name is the first STT_FILE name's last path component (or image).
The files are those `jitdbg jit dump --pid PID DIR` writes. One line per file."""

    def __init__(self):
        super().__init__("jitdbg dump", gdb.COMMAND_FILES, gdb.COMPLETE_FILENAME)

    def invoke(self, argument, from_tty):
        args = gdb.string_to_argv(argument)
        if len(args) != 1:
            raise gdb.GdbError("jitdbg dump: expected one DIR, got %s" % ("'%s'" % argument.strip() if args else "none"))
        directory = os.path.expanduser(args[0])
        entries = [e for d in lists("jitdbg dump") for e in d.entries]
        try:
            os.makedirs(directory, exist_ok=True)
            for n, e in enumerate(entries):
                path = os.path.normpath(os.path.join(directory, "%02d-%s.elf" % (n, dump_name(e.image))))
                with open(path, "wb") as f:
                    f.write(e.image)
                gdb.write("%s: %d bytes from 0x%x\n" % (path, e.symfile_size, e.symfile_addr))
        except OSError as error:
            raise gdb.GdbError("jitdbg dump: %s: %s" % (error.filename, error.strerror))


class VerifyCommand(gdb.Command):
    """Check the JIT registrations: jitdbg verify.

One line per problem, `descriptor ADDR (OBJECT): [entry N (ADDR): ]problem`, as
`jitdbg jit verify --pid PID` prints them, then a count. Checked: each list (prev_entry links,
no cycle, at most a million entries, readable entries and symfiles), version 1, an action_flag
that is a jit_actions_t (JIT_REGISTER_FN only with relevant_entry in the list); each image an
ELF64 x86-64 file, its executable sections mapped executable (per `info proc mappings`: not
checked for a core file, whose mappings have no permissions), its function symbols and each
DWARF compile unit's DW_AT_low_pc/high_pc or DW_AT_ranges inside those sections. The CLI also
checks each function's DWARF range; this command reads only the compile unit DIEs."""

    def __init__(self):
        super().__init__("jitdbg verify", gdb.COMMAND_DATA, gdb.COMPLETE_NONE)

    def invoke(self, argument, from_tty):
        no_arguments("jitdbg verify", argument)
        maps, descriptors = process.registrations("jitdbg verify")
        problems = verify(descriptors, maps)
        entries = sum(len(getattr(d, "entries", ())) for d in descriptors)
        gdb.write("".join(p + "\n" for p in problems))
        if maps[0].perms is None:
            gdb.write("jitdbg verify: the mappings have no permissions (a core file?): code not checked for being mapped executable\n")
        gdb.write("jitdbg verify: %s in %d descriptor%s, %d entr%s\n" % (
            "%d problem%s" % (len(problems), "" if len(problems) == 1 else "s") if problems else "no problems",
            len(descriptors), "" if len(descriptors) == 1 else "s", entries, "y" if entries == 1 else "ies"))


def register():
    JitdbgCommand()
    ListCommand()
    DumpCommand()
    VerifyCommand()
