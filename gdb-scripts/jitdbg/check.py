"""What `jitdbg check` needs of GDB beyond MI's own commands:

  jitdbg-entry LOC   an internal temporary breakpoint on LOC in JIT code: the program stops
                     at its entry once its code is loaded, and breakpoint 1 stays the test's
                     (natively, check sets the same internal breakpoint with gdb.Breakpoint)
  jitdbg-scope NAME  where names resolve: the program's own variables, or another library's
"""
import json

import gdb

from .jit_code import has_jit_code, is_jit


class EntryCommand(gdb.Command):
    """Stop once at LOC in JIT code, with an internal temporary breakpoint: jitdbg-entry LOC."""

    def __init__(self, breakpoints):
        super().__init__("jitdbg-entry", gdb.COMMAND_BREAKPOINTS)
        self.breakpoints = breakpoints

    def invoke(self, argument, from_tty):
        if not argument.strip():
            raise gdb.GdbError("jitdbg-entry: a location is needed")
        self.breakpoints.add(argument.strip(), internal=True)


def in_program(objfile):
    """Whether objfile holds the program under test: its JIT code if GDB has read any, else the
    executable GDB was started on."""
    if has_jit_code():
        return is_jit(objfile)
    return objfile.filename == gdb.current_progspace().filename


class ScopeCommand(gdb.Command):
    """Print where each NAME resolves in the selected frame as one JSON line: jitdbg-scope NAME...
"program" (the program's own code, or a member through this), "outside" (a library's or the
host's debug information: under the JIT, Node's process has far more than the native program),
or "none"."""

    def __init__(self):
        super().__init__("jitdbg-scope", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        found = {}
        for name in argument.split():
            try:
                symbol, member = gdb.lookup_symbol(name)
            except gdb.error:
                symbol, member = None, False
            if member or (symbol is not None and symbol.symtab is not None and in_program(symbol.symtab.objfile)):
                found[name] = "program"
            else:
                found[name] = "outside" if symbol is not None else "none"
        gdb.write(json.dumps(found) + "\n")


def register(breakpoints):
    EntryCommand(breakpoints)
    ScopeCommand()
