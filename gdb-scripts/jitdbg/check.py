"""What `jitdbg check` needs of GDB beyond MI's own commands:

  jitdbg-entry LOC   an internal temporary breakpoint on LOC in JIT code: the program stops
                     at its entry once its code is loaded, and breakpoint 1 stays the test's
                     (natively, check sets the same internal breakpoint with gdb.Breakpoint)
"""
import gdb


class EntryCommand(gdb.Command):
    """Stop once at LOC in JIT code, with an internal temporary breakpoint: jitdbg-entry LOC."""

    def __init__(self, breakpoints):
        super().__init__("jitdbg-entry", gdb.COMMAND_BREAKPOINTS)
        self.breakpoints = breakpoints

    def invoke(self, argument, from_tty):
        if not argument.strip():
            raise gdb.GdbError("jitdbg-entry: a location is needed")
        self.breakpoints.add(argument.strip(), internal=True)


def register(breakpoints):
    EntryCommand(breakpoints)
