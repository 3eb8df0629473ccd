"""GDB's JIT interface ABI, from jit-abi.json: the one description of struct jit_descriptor and
struct jit_code_entry, which src/target/jit-abi.ts reads too."""
import json
import os
from types import SimpleNamespace

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "jit-abi.json")) as _file:
    _ABI = json.load(_file)

DESCRIPTOR = _ABI["descriptorSymbol"]
VERSION = _ABI["version"]
ACTIONS = _ABI["actions"]
JIT_REGISTER_FN = ACTIONS["JIT_REGISTER_FN"]


class Layout:
    """A struct of the ABI: its size, and its fields decoded from that many bytes."""

    def __init__(self, spec):
        self.size = spec["size"]
        self.fields = spec["fields"]

    def decode(self, data):
        return SimpleNamespace(**{name: int.from_bytes(data[f["offset"]:f["offset"] + f["size"]], "little")
                                  for name, f in self.fields.items()})


JIT_DESCRIPTOR = Layout(_ABI["jit_descriptor"])
JIT_CODE_ENTRY = Layout(_ABI["jit_code_entry"])
