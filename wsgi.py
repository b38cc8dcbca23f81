"""WSGI entry point: `gunicorn wsgi:app` or `flask --app wsgi ...`."""

import gc

from consult import create_app

app = create_app()
# What starting made (modules, templates, the URL map) lives as long as the process; keeping
# it out of the garbage collector's scans removes pauses of up to 100 ms on pages that read
# many rows.
gc.freeze()
