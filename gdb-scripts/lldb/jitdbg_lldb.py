"""jitdbg's LLDB commands: show the JIT'd program, not the Node process hosting it. `jitdbg lldb`
loads this file; in any LLDB:

  command script import /path/to/jitdbg/gdb-scripts/lldb/jitdbg_lldb.py

  jitdbg-break LOC   a breakpoint on LOC (a function: fact, an unqualified C++ method: speak,
                     Class::method, or FILE:LINE) that stops only in JIT code: a function is
                     looked up in JIT code only, so the host's of the same name (Node's own main,
                     libstdc++'s `compare` methods) never become locations.
  jitdbg-bt [N]      the selected thread's backtrace (N frames at most) down to the outermost JIT
                     frame, as a native program's ends at main; one line stands for the host
                     frames below it (`bt` shows them).

LLDB reads JIT images only with `settings set plugin.jit-loader.gdb.enable on`, which importing
this file sets.
"""
import json
import re

import lldb

JIT_MODULE = "JIT("  # how LLDB's JIT loader (JITLoaderGDB) names a module read from a jit_code_entry
BREAKPOINT_NAME = "jitdbg"  # the name every jitdbg-break breakpoint carries (LLDB allows no "-" in one)


def is_jit(module):
    """Whether LLDB read module from a jit_code_entry."""
    return module.IsValid() and (module.GetFileSpec().GetFilename() or "").startswith(JIT_MODULE)


def disable_host_locations(breakpoint):
    """Disables the locations outside JIT code; returns how many were newly disabled."""
    disabled = 0
    for i in range(breakpoint.GetNumLocations()):
        location = breakpoint.GetLocationAtIndex(i)
        if location.IsEnabled() and not is_jit(location.GetAddress().GetModule()):
            location.SetEnabled(False)
            disabled += 1
    return disabled


def on_hit(frame, location, internal_dict):
    """A FILE:LINE jitdbg-break location was hit: stop in JIT code. A host library with a source
    file of that name is disabled and LLDB goes on."""
    if is_jit(location.GetAddress().GetModule()):
        return True
    disable_host_locations(location.GetBreakpoint())
    return False


class JitFunction:
    """The resolver of `jitdbg-break NAME`: the functions named NAME in the modules read from
    jit_code_entries, found as `breakpoint set -n NAME` finds them (a full, base or C++ method
    name; after the prologue), and in no other module. The host's functions of the same name
    (Node's main, libstdc++'s `compare` methods) never become locations: each would cost a stop,
    and on Node a stop before the JIT'd code runs slows LLDB down for the rest of the start."""

    def __init__(self, breakpoint, extra_args, internal_dict):
        self.breakpoint = breakpoint
        self.name = extra_args.GetValueForKey("name").GetStringValue(4096)

    def __get_depth__(self):
        return lldb.eSearchDepthModule

    def __callback__(self, context):
        module = context.GetModule()
        if not is_jit(module):
            return
        for found in module.FindFunctions(self.name, lldb.eFunctionNameTypeAuto):
            code = found.GetFunction() if found.GetFunction().IsValid() else found.GetSymbol()
            if code.IsValid():
                address = lldb.SBAddress(code.GetStartAddress())
                address.OffsetAddress(code.GetPrologueByteSize())
                self.breakpoint.AddLocation(address)

    def get_short_help(self):
        return "function '%s' in JIT code" % self.name


FILE_LINE = re.compile(r"^(.+):(\d+)$")


def jitdbg_break(debugger, command, result, internal_dict):
    """Set a breakpoint that stops only in JIT code: jitdbg-break NAME or FILE:LINE."""
    location = command.strip()
    if not location:
        result.SetError("jitdbg-break: a location is needed (a function, FILE:LINE, Class::method)")
        return
    target = debugger.GetSelectedTarget()
    if not target.IsValid():
        result.SetError("jitdbg-break: no target (start LLDB on `node jitdbg run FILE...`)")
        return
    file_line = FILE_LINE.match(location)
    if file_line:
        # The host has no DWARF for the program's files (Node's own, for libuv's core.c, are
        # there when this is set): the rare host location is disabled now or when first hit.
        breakpoint = target.BreakpointCreateByLocation(file_line.group(1), int(file_line.group(2)))
        breakpoint.SetScriptCallbackFunction(__name__ + ".on_hit")
        disable_host_locations(breakpoint)
    else:
        args = lldb.SBStructuredData()
        args.SetFromJSON(json.dumps({"name": location}))
        breakpoint = target.BreakpointCreateFromScript(__name__ + ".JitFunction", args, lldb.SBFileSpecList(), lldb.SBFileSpecList())
    if not breakpoint.IsValid():
        result.SetError("jitdbg-break: LLDB set no breakpoint on " + location)
        return
    breakpoint.AddName(BREAKPOINT_NAME)
    jit = sum(1 for i in range(breakpoint.GetNumLocations()) if breakpoint.GetLocationAtIndex(i).IsEnabled())
    result.AppendMessage("Breakpoint %d (%s): %d location%s in JIT code; it stops only in JIT code." % (
        breakpoint.GetID(), location, jit, "" if jit == 1 else "s"))


def jitdbg_bt(debugger, command, result, internal_dict):
    """The selected thread's backtrace down to the outermost JIT frame: jitdbg-bt [N]."""
    arg = command.strip()
    if arg and not arg.isdigit():
        result.SetError("jitdbg-bt: N is a number of frames, not '%s'" % arg)
        return
    thread = debugger.GetSelectedTarget().GetProcess().GetSelectedThread()
    if not thread.IsValid():
        result.SetError("jitdbg-bt: no process is stopped")
        return
    frames = list(thread)
    jit = [i for i, f in enumerate(frames) if is_jit(f.GetModule())]
    # Host frames between JIT frames stay (qsort calling a JIT'd comparison, __cxa_throw):
    # only those below the outermost JIT frame are cut. No JIT frame: LLDB's own backtrace.
    shown = frames[: jit[-1] + 1] if jit else frames
    limit = int(arg) if arg else len(shown)
    selected = thread.GetSelectedFrame().GetFrameID()
    for frame in shown[:limit]:
        stream = lldb.SBStream()
        frame.GetDescription(stream)
        mark = "* " if frame.GetFrameID() == selected else "  "
        result.AppendMessage(mark + stream.GetData().rstrip("\n"))
    hidden = len(frames) - len(shown)
    if hidden and limit >= len(shown):
        result.AppendMessage("  <%d host frame%s elided: bt shows them>" % (hidden, "" if hidden == 1 else "s"))


def __lldb_init_module(debugger, internal_dict):
    debugger.HandleCommand("settings set plugin.jit-loader.gdb.enable on")
    debugger.HandleCommand('command script add -f %s.jitdbg_break jitdbg-break' % __name__)
    debugger.HandleCommand('command script add -f %s.jitdbg_bt jitdbg-bt' % __name__)
