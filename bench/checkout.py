"""Make `import app` load the code of this checkout, beside bench/.

Imported for that side effect before anything from `app`. Without it a script run as
`python bench/x.py` finds `app` through the virtualenv's editable install, which may
point at another clone of the project; the benchmark must measure the code it ships with.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
