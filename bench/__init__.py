"""Performance measurement: a national-scale data generator and a load benchmark.

`python -m bench.generate` fills a database; `python -m bench.run` measures the application
on it under gunicorn on SQLite and PostgreSQL. See the README, section "Prestaties meten".
"""
