"""What `jitdbg check` asks of GDB at each stop, one command and one JSON line each:

  jitdbg-entry LOC        an internal temporary breakpoint on LOC in JIT code: the program
                          stops at its entry once its code is loaded, and breakpoint 1 stays
                          the test's
  jitdbg-frames           the program's frames, leaf first: function, file, line, pc
  jitdbg-eval N EXPR      EXPR evaluated in frame N: value and type as GDB prints them, or why not
"""
import json

import gdb

from .jit_code import in_jit_code


def program_frames():
    """The frames leaf first, those below the outermost JIT frame left out when there is one
    (the host that called the JIT'd entry); a native program's stack already ends at main."""
    frames = []
    frame = gdb.newest_frame()
    while frame is not None:
        frames.append(frame)
        try:
            frame = frame.older()
        except gdb.error:
            break
    jit = [i for i, f in enumerate(frames) if in_jit_code(f.pc())]
    return frames[: jit[-1] + 1] if jit else frames


def describe(frame):
    sal = frame.find_sal()
    symtab = sal.symtab
    return {
        "function": frame.name(),
        "file": symtab.fullname() if symtab is not None else None,
        "line": sal.line if symtab is not None and sal.line > 0 else None,
        "address": "0x%x" % frame.pc(),
    }


def evaluate(index, expression):
    frames = program_frames()
    if index >= len(frames):
        return {"error": "no frame %d" % index}
    selected = gdb.selected_frame()
    frames[index].select()
    try:
        value = gdb.parse_and_eval(expression)
        text = value.format_string()
        return {
            "value": text,
            "type": str(value.type),
            "optimizedOut": value.is_optimized_out or text == "<optimized out>",
            "irretrievable": "<unavailable>" in text or "<error:" in text,
        }
    except gdb.MemoryError as e:
        return {"error": str(e), "irretrievable": True}
    except gdb.error as e:
        message = str(e)
        return {"error": message, "optimizedOut": "optimized out" in message, "irretrievable": "not available" in message}
    finally:
        selected.select()


class EntryCommand(gdb.Command):
    """Stop once at LOC in JIT code, with an internal temporary breakpoint: jitdbg-entry LOC."""

    def __init__(self, breakpoints):
        super().__init__("jitdbg-entry", gdb.COMMAND_BREAKPOINTS)
        self.breakpoints = breakpoints

    def invoke(self, argument, from_tty):
        self.breakpoints.add(argument.strip(), internal=True)


class FramesCommand(gdb.Command):
    """Print the program's frames as one JSON line: jitdbg-frames."""

    def __init__(self):
        super().__init__("jitdbg-frames", gdb.COMMAND_STACK)

    def invoke(self, argument, from_tty):
        try:
            frames = [describe(f) for f in program_frames()]
        except gdb.error:
            frames = []  # no process
        gdb.write(json.dumps(frames) + "\n")


class EvalCommand(gdb.Command):
    """Print EXPR evaluated in frame N as one JSON line: jitdbg-eval N EXPR."""

    def __init__(self):
        super().__init__("jitdbg-eval", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        index, _, expression = argument.strip().partition(" ")
        gdb.write(json.dumps(evaluate(int(index), expression.strip())) + "\n")


def register(breakpoints):
    EntryCommand(breakpoints)
    FramesCommand()
    EvalCommand()
