# SPDX-License-Identifier: MIT
"""Put Debian's dist-packages (SQLAlchemy, pandas, NumPy, Alembic) at the END of sys.path.

Tests run the interpreter of the user's environment (pyenv's python3 with pydantic 2). Debian
also ships pydantic 1 as python3-pydantic; with dist-packages on PYTHONPATH it would shadow
pydantic 2, so the bridge tests put this folder on PYTHONPATH instead and Python imports it at
start-up.
"""

import os
import sys

_DEBIAN = "/usr/lib/python3/dist-packages"
if os.path.isdir(_DEBIAN) and _DEBIAN not in sys.path:
    sys.path.append(_DEBIAN)
