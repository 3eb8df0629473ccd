"""Show the JIT'd program, not the process hosting it (Node, V8, koffi, a JIT compiler).

  jitdbg-break LOC   a breakpoint on LOC (function, unqualified C++ method, FILE:LINE) that
                     stops only in JIT code: it is created when a registered image defines LOC,
                     so it is never pending, and its locations in the host (Node's own main,
                     V8's methods called `kind`) are disabled.
  frame filter       bt ends at the outermost JIT frame, as a native program's ends at main; one
                     line stands for the host frames below it (`bt -no-filters` shows them).
  freed images       breakpoint locations in an image being unregistered are disabled while
                     its code is still mapped, so GDB never writes into freed JIT code;
                     enabled again when a new image covers their address.
"""
import gdb
from gdb.FrameDecorator import FrameDecorator


JIT_OBJFILE = "<in-memory@"  # how GDB names the objfile it reads from a jit_code_entry


def is_jit(objfile):
    """Whether GDB read objfile from a jit_code_entry."""
    return objfile.filename.startswith(JIT_OBJFILE)


def all_locations():
    """(breakpoint, location) of every breakpoint."""
    for breakpoint in gdb.breakpoints():
        for location in breakpoint.locations:
            yield breakpoint, location


def has_jit_code():
    """Whether GDB has read any objfile from a jit_code_entry."""
    return any(is_jit(objfile) for objfile in gdb.objfiles())


def in_jit_code(pc):
    """Whether pc is in code GDB read from a jit_code_entry."""
    symtab = gdb.find_pc_line(pc).symtab
    if symtab is not None:
        return is_jit(symtab.objfile)
    # An image without line tables (its DWARF left out): only its ELF symbols say where pc is.
    return ("of " + JIT_OBJFILE) in gdb.execute("info symbol %d" % pc, to_string=True)


class JitBreakpoints:
    """The locations of jitdbg-break, each becoming a breakpoint when JIT code first defines it."""

    def __init__(self):
        self.waiting = []  # (location, internal), in the order given
        self.created = set()
        gdb.events.new_objfile.connect(self.on_new_objfile)
        gdb.events.breakpoint_modified.connect(self.keep_to_jit_code)
        gdb.events.exited.connect(self.on_exited)

    def add(self, location, internal=False):
        """internal: a temporary breakpoint that takes no user number and prints nothing
        (jitdbg check stops at the entry this way, leaving breakpoint 1 to the test)."""
        entry = (location, internal)
        self.waiting.append(entry)
        if self.defined(location):
            self.create(entry)

    def defined(self, location):
        """Whether JIT code defines location."""
        try:
            sals = gdb.decode_line(location)[1] or []
        except gdb.error:
            return False
        return any(in_jit_code(sal.pc) for sal in sals)

    def on_new_objfile(self, event):
        if is_jit(event.new_objfile):
            for entry in [e for e in self.waiting if self.defined(e[0])]:
                self.create(entry)

    def on_exited(self, event):
        # A misspelt name would otherwise pass in silence: nothing pending is ever shown.
        for location, _ in self.waiting:
            gdb.write("warning: jitdbg-break %s: no JIT code defined it while the program ran\n" % location, gdb.STDERR)

    def create(self, entry):
        self.waiting.remove(entry)
        location, internal = entry
        if internal:
            breakpoint = gdb.Breakpoint(location, internal=True, temporary=True)
        else:
            # Quietly: GDB would announce the host's locations too ("at 0xb70af0 (58 locations)").
            gdb.execute("break " + location, to_string=True)
            breakpoint = gdb.breakpoints()[-1]
        self.created.add(breakpoint.number)
        self.keep_to_jit_code(breakpoint)
        if internal:
            return
        jit = [l for l in breakpoint.locations if l.enabled]
        if len(jit) == 1 and jit[0].source:
            print("Breakpoint %d at 0x%x: file %s, line %d." % (breakpoint.number, jit[0].address, *jit[0].source))
        else:
            print("Breakpoint %d (%s): %d locations in JIT code." % (breakpoint.number, location, len(jit)))

    def keep_to_jit_code(self, breakpoint):
        # GDB resolves the location again whenever objfiles come and go: new host locations appear.
        if breakpoint.number in self.created:
            for location in breakpoint.locations:
                if location.enabled and not in_jit_code(location.address):
                    location.enabled = False


class JitBreakCommand(gdb.Command):
    """Set a breakpoint that stops only in JIT code: jitdbg-break LOCATION.

LOCATION is a function (fact, an unqualified C++ method: speak), Class::method or FILE:LINE.
The breakpoint is created when a registered image defines LOCATION; its locations outside JIT
code (the host's own functions of the same name) are disabled."""

    def __init__(self, breakpoints):
        super().__init__("jitdbg-break", gdb.COMMAND_BREAKPOINTS)
        self.breakpoints = breakpoints

    def invoke(self, argument, from_tty):
        if not argument.strip():
            raise gdb.GdbError("jitdbg-break: a location is needed")
        self.breakpoints.add(argument.strip())


class JitFrame(FrameDecorator):
    """A frame shown as GDB shows it without frame filters. FrameDecorator names a frame by its
    symbol (`make(int)`, parameters included) and gives a frame without line information its
    library as file name; GDB's own backtrace uses Frame.name() (`make`) and no file."""

    def function(self):
        name = self.inferior_frame().name()
        return name if name is not None else super().function()

    def filename(self):
        return super().filename() if self.inferior_frame().find_sal().symtab is not None else None


class HostFrames(FrameDecorator):
    """The one line that stands for the host frames below the JIT'd entry."""

    def __init__(self, first, count):
        super().__init__(first)
        self.count = count

    def function(self):
        return "<%d host frame%s elided: bt -no-filters shows them>" % (self.count, "" if self.count == 1 else "s")

    def address(self):
        return None

    def frame_args(self):
        return None

    def filename(self):
        return None

    def line(self):
        return None


class HideHostFrames:
    """Ends the backtrace at the outermost JIT frame. Host frames between JIT frames stay (qsort
    calling a JIT'd comparison, __cxa_throw): only those below the last JIT frame are host.
    Enabled only while GDB has read JIT code: a program without any keeps GDB's own backtrace."""

    def __init__(self):
        self.name = "jitdbg-host-frames"
        self.priority = 100
        gdb.frame_filters[self.name] = self

    @property
    def enabled(self):
        return has_jit_code()

    def filter(self, frames):
        below = []  # the frames since the last JIT one
        seen_jit = False
        for frame in frames:
            if in_jit_code(frame.inferior_frame().pc()):
                yield from below
                below = []
                seen_jit = True
                yield JitFrame(frame)
            elif seen_jit:
                below.append(JitFrame(frame))
            else:
                yield JitFrame(frame)
        if below:
            yield HostFrames(below[0], len(below))


class FreedCode:
    """Disables the breakpoint locations in a JIT image as GDB frees it, and enables them again
    when a new image covers their address. GDB takes locations out of unloaded shared
    libraries itself, but leaves those of a JIT image inserted until the next breakpoint
    re-set; the JIT then frees the code, and at the next stop GDB cannot write the original
    bytes back ("Cannot remove breakpoints because program is no longer writable"). At
    free_objfile the code is still mapped (the process is stopped in __jit_debug_register_code)
    but the image's symtabs are already out of GDB's lookups: its locations are those that had
    a source line and now have none. A module that stays (a batch image replaced by one image
    per remaining module) is registered again at the same addresses, and its locations come back."""

    def __init__(self):
        self.disabled = set()  # (breakpoint number, address)
        gdb.events.free_objfile.connect(self.on_free_objfile)
        gdb.events.new_objfile.connect(self.on_new_objfile)

    def on_free_objfile(self, event):
        if not is_jit(event.objfile):
            return
        for breakpoint, location in all_locations():
            if location.enabled and location.source and gdb.find_pc_line(location.address).symtab is None:
                location.enabled = False
                self.disabled.add((breakpoint.number, location.address))

    def on_new_objfile(self, event):
        if not self.disabled or not is_jit(event.new_objfile):
            return
        for breakpoint, location in all_locations():
            key = (breakpoint.number, location.address)
            if key in self.disabled and gdb.find_pc_line(location.address).symtab is not None:
                self.disabled.discard(key)
                location.enabled = True


def register():
    """The breakpoints of jitdbg-break, for the commands that add to them (check.py)."""
    breakpoints = JitBreakpoints()
    JitBreakCommand(breakpoints)
    HideHostFrames()
    FreedCode()
    return breakpoints
