"""The WSGI module the benchmark serves: the application, plus /__hello as a baseline.

    gunicorn bench.app:app

/__hello answers with a few bytes through the same gunicorn, the same Flask app and the
same request hooks (session, security headers, the transaction cycle) as every other page,
but without templates or queries: what is left over is the cost of the page itself. It
exists only here, never in the product.
"""

from __future__ import annotations

import os

from flask import Response

from consult import create_app

_overrides = {}
# The benchmark raises the rate limits far above what people need; counting them under a
# prefix of its own keeps that from touching the counters of anything else on the same Redis.
if os.environ.get("BENCH_RATELIMIT_PREFIX"):
    _overrides["RATELIMIT_KEY_PREFIX"] = os.environ["BENCH_RATELIMIT_PREFIX"]

app = create_app(_overrides or None)


@app.get("/__hello")
def hello() -> Response:
    return Response("hello\n", mimetype="text/plain")
