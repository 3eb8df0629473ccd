"""LLDB commands for the LLDB parity tests (lldb-harness.ts): each prints one line
`@probe JSON` of what LLDB shows, the program's own code told from the host's: natively the
executable, under jitdbg the modules LLDB read from jit_code_entries (named JIT(0x...)).

  probe stop              the stop reason, frame 0, and the value `finish` returned
  probe bt                the selected thread's frames down to main (else the outermost program frame)
  probe locations ID      breakpoint ID's enabled locations in the program
  probe functions FILE    for each name in FILE (one a line): the locations `breakpoint set -n`
                          finds in the program (the breakpoint is deleted again)
  probe jitdbg-functions FILE
                          the same with jitdbg-break NAME (gdb-scripts/lldb/jitdbg_lldb.py)
  probe jit-modules       the names of the modules read from jit_code_entries
  probe command CMD       CMD's output and error
"""
import json
import lldb


def program_module(target, module):
    if any(is_jit(m) for m in target.modules):
        return is_jit(module)
    return module.IsValid() and module.GetFileSpec() == target.GetExecutable()


def is_jit(module):
    return module.IsValid() and (module.GetFileSpec().GetFilename() or "").startswith("JIT(")


def place_of_address(address):
    entry = address.GetLineEntry()
    function = address.GetFunction()
    name = function.GetDisplayName() if function.IsValid() else address.GetSymbol().GetName()
    return {"func": name, "file": entry.GetFileSpec().GetFilename() if entry.IsValid() else None, "line": entry.GetLine() if entry.IsValid() else None}


def place_of_frame(frame):
    entry = frame.GetLineEntry()
    return {"func": frame.GetDisplayFunctionName(), "file": entry.GetFileSpec().GetFilename() if entry.IsValid() else None, "line": entry.GetLine() if entry.IsValid() else None}


def locations(target, breakpoint):
    found = []
    for i in range(breakpoint.GetNumLocations()):
        location = breakpoint.GetLocationAtIndex(i)
        if location.IsEnabled() and program_module(target, location.GetAddress().GetModule()):
            found.append(place_of_address(location.GetAddress()))
    return sorted(found, key=json.dumps)


def probe(debugger, command, result, internal_dict):
    target = debugger.GetSelectedTarget()
    kind, _, argument = command.strip().partition(" ")
    thread = target.GetProcess().GetSelectedThread()
    if kind == "stop":
        value = thread.GetStopReturnValue()
        reasons = {lldb.eStopReasonBreakpoint: "breakpoint", lldb.eStopReasonPlanComplete: "plan-complete", lldb.eStopReasonException: "exception", lldb.eStopReasonSignal: "signal"}
        out = {"reason": reasons.get(thread.GetStopReason(), str(thread.GetStopReason())), "frame": place_of_frame(thread.GetFrameAtIndex(0)),
               "returned": " ".join(filter(None, [value.GetValue(), value.GetSummary()])) if value.IsValid() else None}
    elif kind == "bt":
        # As a backtrace ends at main natively (libc's frames and _start below it are not shown).
        frames = list(thread)
        ours = [i for i, f in enumerate(frames) if program_module(target, f.GetModule())]
        mains = [i for i in ours if frames[i].GetFunctionName() == "main"]
        end = mains[0] if mains else ours[-1] if ours else -1
        out = [place_of_frame(f) for f in frames[: end + 1]]
    elif kind == "locations":
        out = locations(target, target.FindBreakpointByID(int(argument)))
    elif kind in ("functions", "jitdbg-functions"):
        def jitdbg_break(name):
            debugger.HandleCommand("jitdbg-break " + name)
            return target.GetBreakpointAtIndex(target.GetNumBreakpoints() - 1)
        create = target.BreakpointCreateByName if kind == "functions" else jitdbg_break
        out = {}
        with open(argument) as names:
            for name in names.read().split():
                breakpoint = create(name)
                out[name] = locations(target, breakpoint)
                target.BreakpointDelete(breakpoint.GetID())
    elif kind == "jit-modules":
        out = [m.GetFileSpec().GetFilename() for m in target.modules if is_jit(m)]
    elif kind == "command":
        ret = lldb.SBCommandReturnObject()
        debugger.GetCommandInterpreter().HandleCommand(argument, ret)
        out = {"out": ret.GetOutput(), "error": ret.GetError()}
    else:
        result.SetError("probe: unknown kind " + kind)
        return
    result.AppendMessage("@probe " + json.dumps(out))


def __lldb_init_module(debugger, internal_dict):
    debugger.HandleCommand("command script add -f %s.probe probe" % __name__)
