# Loads jitdbg's GDB commands (the package gdb-scripts/jitdbg/; see its __init__.py): `jitdbg
# list`, `jitdbg dump DIR`, `jitdbg verify`, `jitdbg-break LOC` and a frame filter hiding the
# host's frames. `jitdbg gdb` sources this file; in any GDB:
#
#   source /path/to/jitdbg/gdb-scripts/jitdbg.py
#
# Sourcing it again changes nothing: the package registers its commands once, when imported.
import os
import sys

if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import jitdbg  # noqa: E402,F401  registers the commands
