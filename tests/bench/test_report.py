"""An endpoint measured in rounds is judged by the median of its rounds' shares of hello, so
that one round on a machine that slowed down (or sped up) does not decide a target."""

from bench import report
from bench.run import _combined


def _round(rps: float, hello: tuple[float, float], p95: float) -> dict:
    return {"requests": int(rps * 5), "seconds": 5.0, "rps": rps, "p50_ms": p95 / 2,
            "p95_ms": p95, "p99_ms": p95 * 2, "max_ms": p95 * 3, "errors": 0, "non_2xx": 0,
            "timeouts": 0, "hello_beside": list(hello)}


def test_an_endpoint_in_rounds_is_judged_by_its_median_round():
    rounds = [_round(1000, (2000, 2200), 5.0),  # 47.6%
              _round(1100, (2000, 2200), 4.0),  # 52.4%
              _round(400, (2000, 2000), 9.0)]   # 20.0%: the machine slowed down for it
    combined = _combined(rounds)
    assert combined["requests"] == 12_500 and combined["seconds"] == 15.0
    assert combined["rps"] == 833.3
    # Latencies are those of the median round, the slowest answer the slowest of all.
    assert combined["p95_ms"] == 5.0 and combined["max_ms"] == 27.0
    result = {"load": {"api_speerpunt": combined, "home": _round(300, (0, 0), 20.0)},
              "hello_rps": {"main": 2000.0}}
    assert round(report._ratio(result, "api_speerpunt"), 3) == 0.476
    # An endpoint without a target is compared with the mean of its server's hello runs.
    assert report._ratio(result, "home") == 0.15
