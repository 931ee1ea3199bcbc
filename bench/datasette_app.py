"""Datasette as a plain ASGI app, so it runs under the same uvicorn settings as onrecord.

Runs in its own virtualenv (bench/.venv-datasette), which bench/load.py creates:

    DATASETTE_DB=bench/out/bench.db bench/.venv-datasette/bin/uvicorn datasette_app:app --app-dir bench

Datasette's own settings are left at their defaults, as `datasette serve FILE` would have them.
"""

import os

from datasette.app import Datasette

app = Datasette([os.environ["DATASETTE_DB"]]).app()
