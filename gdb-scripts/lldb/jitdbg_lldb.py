"""jitdbg's LLDB commands: show the JIT'd program, not the Node process hosting it. `jitdbg lldb`
loads this file; in any LLDB:

  command script import /path/to/jitdbg/gdb-scripts/lldb/jitdbg_lldb.py

  jitdbg-break LOC   a breakpoint on LOC (anything LLDB's `b` takes: fact, fact.c:5, Dog::speak)
                     that stops only in JIT code: its locations in the host (Node's own main, V8's
                     methods of the same name) are disabled when it is set, and those that appear
                     later when first hit, which LLDB then continues from without stopping.
  jitdbg-bt [N]      the selected thread's backtrace (N frames at most) down to the outermost JIT
                     frame, as a native program's ends at main; one line stands for the host
                     frames below it (`bt` shows them).

LLDB reads JIT images only with `settings set plugin.jit-loader.gdb.enable on`, which importing
this file sets.
"""
import lldb

JIT_MODULE = "JIT("  # how LLDB's JIT loader (JITLoaderGDB) names a module read from a jit_code_entry


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
    """A jitdbg-break location was hit: stop in JIT code; elsewhere disable it and go on."""
    if is_jit(location.GetAddress().GetModule()):
        return True
    location.SetEnabled(False)
    return False


def jitdbg_break(debugger, command, result, internal_dict):
    """Set a breakpoint that stops only in JIT code: jitdbg-break LOCATION (as for `b`)."""
    location = command.strip()
    if not location:
        result.SetError("jitdbg-break: a location is needed (a function, FILE:LINE, Class::method)")
        return
    target = debugger.GetSelectedTarget()
    if not target.IsValid():
        result.SetError("jitdbg-break: no target (start LLDB on `node jitdbg run FILE...`)")
        return
    before = {target.GetBreakpointAtIndex(i).GetID() for i in range(target.GetNumBreakpoints())}
    made = lldb.SBCommandReturnObject()
    debugger.GetCommandInterpreter().HandleCommand("_regexp-break " + location, made)
    if not made.Succeeded():
        result.SetError(made.GetError().strip() or "jitdbg-break: LLDB set no breakpoint on " + location)
        return
    new = [target.GetBreakpointAtIndex(i) for i in range(target.GetNumBreakpoints())]
    new = [b for b in new if b.GetID() not in before]
    for breakpoint in new:
        breakpoint.SetScriptCallbackFunction(__name__ + ".on_hit")
        host = disable_host_locations(breakpoint)
        jit = sum(1 for i in range(breakpoint.GetNumLocations()) if breakpoint.GetLocationAtIndex(i).IsEnabled())
        result.AppendMessage("Breakpoint %d (%s): %d location%s in JIT code%s; it stops only in JIT code." % (
            breakpoint.GetID(), location, jit, "" if jit == 1 else "s",
            ", %d in the host disabled" % host if host else ""))


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
