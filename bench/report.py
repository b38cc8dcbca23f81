"""The targets of the benchmark, judged per database, and the results as JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

# (endpoint, label) in the order of the tables; the first group runs on the national data
# set, the search group on the data set with 100,000 comments.
ENDPOINTS = [
    ("home", "Agenda home"),
    ("speerpunt", "Speerpunt page"),
    ("amendment", "Amendment page"),
    ("moderation", "Moderator queue"),
    ("diff", "Version diff"),
    ("provenance", "Provenance view"),
    ("dashboard", "Dashboard"),
    ("api_speerpunt", "API speerpunt"),
    ("api_comments", "API comment list"),
    ("api_comment_post", "API comment post"),
    ("accept_merge", "Accept with merge (API)"),
    ("search_page", "Search page"),
    ("search_api", "Search API"),
]
LABELS = dict(ENDPOINTS)
API_READS = ("api_speerpunt", "api_comments")
SEARCH = ("search_page", "search_api")
MAX_QUERIES = 12
MERGE_MS = 50
SEARCH_P95_MS = 100
WORKER_MB = 150


# The endpoints with a target as a share of hello: measured between two hello runs of their
# own, and compared with those.
RATIO_TARGETS = ((("speerpunt",), 0.25, "Speerpunt page"),
                 (API_READS, 0.50, "API reads"),
                 (("api_comment_post",), 0.10, "Comment posts"))
COMPARED = frozenset(name for names, _share, _text in RATIO_TARGETS for name in names)


def round_ratio(run: dict) -> float | None:
    """One round's requests per second as a share of the hello runs on either side of it."""
    hello = sum(run["hello_beside"]) / 2
    return run["rps"] / hello if hello else None


def _round_ratios(endpoint: dict) -> list[float]:
    return [r for r in map(round_ratio, endpoint.get("rounds", [])) if r is not None]


def _ratio(result: dict, name: str) -> float | None:
    """An endpoint with a target: the median of its rounds' ratios; any other: its requests
    per second as a share of the mean of its server's hello runs."""
    endpoint = result["load"].get(name)
    if not endpoint:
        return None
    by_round = sorted(_round_ratios(endpoint))
    if by_round:
        return by_round[len(by_round) // 2]
    hello = result["hello_rps"].get("search" if name in SEARCH else "main")
    return endpoint["rps"] / hello if hello else None


def judge(result: dict) -> list[dict]:
    """Each target with the value measured for it and whether it was met."""
    out = []
    small, large = result["queries"]["small"], result["queries"]["national"]
    # Fewer on the large data is no growth (accepting tells a thousand followers with one
    # announcement, and ten in its own transaction).
    grown = {name: (small[name]["queries"], large[name]["queries"]) for name in large
             if name in small and large[name]["queries"] > small[name]["queries"]}
    out.append({
        "target": "SQL queries per request do not grow with the data",
        "met": not grown,
        "value": "none grows" if not grown else "grow: " + ", ".join(
            f"{name} {a}→{b}" for name, (a, b) in grown.items()),
    })
    reads = {name: counts["queries"] for name, counts in large.items()
             if result["calls"][name] == "GET"}
    over = {name: n for name, n in reads.items() if n > MAX_QUERIES}
    out.append({
        "target": f"At most {MAX_QUERIES} SQL queries for any page (GET)",
        "met": not over,
        "value": f"highest {max(reads.values())} ({max(reads, key=reads.get)})" if not over
        else ", ".join(f"{name} {n}" for name, n in over.items()),
    })
    for names, share, text in RATIO_TARGETS:
        ratios = {name: _ratio(result, name) for name in names}
        known = {name: r for name, r in ratios.items() if r is not None}
        out.append({
            "target": f"{text} ≥ {share:.0%} of hello's requests per second",
            "met": bool(known) and len(known) == len(names) and all(
                r >= share for r in known.values()),
            "value": ", ".join(f"{LABELS[n]} {r:.1%}" for n, r in known.items()) or "not measured",
        })
    merge = result["merge"]
    out.append({
        "target": f"Accept with a three-way merge into a {merge['section_words']:,}-word "
                  f"section under {MERGE_MS} ms (p95 of operations.decide, in-process)",
        "met": merge["decide"]["p95_ms"] < MERGE_MS,
        "value": f"median {merge['decide']['median_ms']} ms, p95 {merge['decide']['p95_ms']} ms "
                 f"({merge['followers']} followers notified; the merge alone: median "
                 f"{merge['merge_three_way']['median_ms']} ms)",
    })
    search = result["search"]
    http = [result["load"][name]["p95_ms"] for name in SEARCH if name in result["load"]]
    out.append({
        "target": f"Search over {search['comments']:,} comments: p95 under {SEARCH_P95_MS} ms",
        "met": search["p95_ms"] < SEARCH_P95_MS and bool(http)
        and all(p < SEARCH_P95_MS for p in http),
        "value": f"in-process p95 {search['p95_ms']} ms; wrk p95 "
                 + ", ".join(f"{result['load'][n]['p95_ms']} ms ({n})" for n in SEARCH
                             if n in result["load"]),
    })
    workers = [w for server in result["memory"].values() for w in server]
    highest = max(w["rss_mb"] for w in workers)
    out.append({
        "target": f"Each gunicorn worker under {WORKER_MB} MB resident after the run",
        "met": highest < WORKER_MB,
        "value": f"highest {highest} MB (peak during the run {max(w['peak_mb'] for w in workers)} MB)",
    })
    return out


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _elsewhere(measured: dict) -> str:
    """What else the machine did meanwhile (absent from results of before it was recorded)."""
    cores = measured.get("busy_elsewhere_cores")
    if cores is None:
        return ""
    return (f" Meanwhile the rest of the machine, the database server included, kept "
            f"{cores:g} cores busy on average.")


def markdown(report: dict) -> str:
    meta = report["meta"]
    lines = [f"# Benchmark {meta['date']}" + (" (quick)" if meta["quick"] else ""), ""]
    if meta["quick"]:
        lines += ["**Quick run**: smaller data and a few seconds per endpoint, to check that "
                  "the benchmark works. The numbers are indicative only; the targets are "
                  "judged on them all the same.", ""]
    lines += [
        f"- Machine: {meta['cpus']} CPU cores, {meta['platform']}, Python {meta['python']}; "
        f"{meta['note']}",
        f"- Server: gunicorn {meta['gunicorn']}, {meta['workers']} sync workers, "
        f"bench.app:app (the application plus `/__hello`)",
        f"- Load: wrk with 1 thread and {meta['connections']} connections, on the same machine "
        f"(it needs CPU too, hence one thread); every endpoint requested a few times first, "
        + (f"then {meta['warmup']:g} s of warm-up load, " if meta["warmup"] else "")
        + f"then {meta['duration']:g} s measured per endpoint"
        + (f" (in {meta['rounds']} rounds for an endpoint with a target)"
           if meta.get("rounds", 1) > 1 else ""),
        f"- Data: seed {meta['seed']}; national set at scale {meta['scale']:g} "
        f"({meta['datasets']['national']}); small set at scale {meta['small_scale']:g} "
        f"({meta['datasets']['small']}); search set ({meta['datasets']['search']})",
        f"- Took {meta['seconds']:.0f} s",
    ]
    first = next(iter(report["backends"].values()))
    paths = [f"{LABELS[name]} `{first['load'][name]['path']}`" for name, _label in ENDPOINTS
             if name in first["load"] and name not in SEARCH]
    if "search_page" in first["load"]:
        paths.append(f"search: {len(first['search']['hits'])} Dutch queries in turn, e.g. "
                     f"`{first['load']['search_page']['path']}`")
    lines += ["- Paths: " + "; ".join(paths), ""]
    for backend, result in report["backends"].items():
        lines += [f"## {result['label']}", ""]
        lines += ["| endpoint | req/s | % of hello | p50 ms | p95 ms | SQL per request "
                  "(small → national) | errors |", "|---|---:|---:|---:|---:|---:|---:|"]
        for key, server in (("main", "national"), ("search", "search")):
            hello = result["hello_rps"].get(key)
            lines.append(f"| hello (`/__hello`, {server} server) | {_fmt(hello)} | 100% | "
                         f"{_fmt(result['hello'][key]['p50_ms'], 2)} | "
                         f"{_fmt(result['hello'][key]['p95_ms'], 2)} | 0 | "
                         f"{result['hello'][key]['errors']} |")
        for name, label in ENDPOINTS:
            load = result["load"].get(name)
            if load is None:
                note = result["skipped"].get(name)
                if note:
                    lines.append(f"| {label} | skipped: {note} | | | | | |")
                continue
            ratio = _ratio(result, name)
            small = result["queries"]["small"].get(name, {}).get("queries")
            large = result["queries"]["national"].get(name, {}).get("queries")
            errors = str(load["errors"]) + (f" ({load['note']})" if load.get("note") else "")
            lines.append(f"| {label} | {_fmt(load['rps'])} | "
                         f"{_fmt(ratio * 100 if ratio is not None else None)}% | "
                         f"{_fmt(load['p50_ms'], 2)} | {_fmt(load['p95_ms'], 2)} | "
                         f"{small} → {large} | {errors} |")
        merge, search = result["merge"], result["search"]
        runs = [run["rps"] for key in ("main", "search") for run in result["hello"][key]["runs"]]
        in_rounds = [f"{LABELS[name]} " + ", ".join(f"{r:.1%}" for r in _round_ratios(load))
                     for name, _label in ENDPOINTS
                     if "rounds" in (load := result["load"].get(name) or {})]
        lines += [
            "",
            f"- Hello was measured {len(runs)} times ({_fmt(min(runs))} to {_fmt(max(runs))} "
            "req/s; the row above is the mean per server)."
            + ((f" An endpoint with a target is measured in {meta['rounds']} rounds, each "
                "between two hello runs of the same length, and its share of hello is the "
                "median of its rounds' (req/s are over all rounds, latencies those of the "
                "median round): " if meta.get("rounds", 1) > 1 else
                " An endpoint with a target is compared with hello runs of its own right "
                "before and after it: ") + "; ".join(in_rounds) + "." if in_rounds else "")
            + " The others are compared with the mean.",
            f"- Accept with merge, in-process ({merge['decide']['n']} times, "
            + ("each another amendment, " if "amendments" in merge else "")
            + "rolled back): "
            f"`operations.decide` median {merge['decide']['median_ms']} ms, p95 "
            f"{merge['decide']['p95_ms']} ms; `merge_three_way` alone median "
            f"{merge['merge_three_way']['median_ms']} ms, p95 "
            f"{merge['merge_three_way']['p95_ms']} ms. Section of {merge['section_words']:,} "
            f"words, amendment on version {merge['base_version']} merged into version "
            f"{merge['current_version']}; the speerpunt has {merge['followers']:,} followers, "
            "each told of the new version." + _elsewhere(merge),
            f"- Search, in-process: {search['queries']} queries × {search['n'] // search['queries']}"
            f" over {search['comments']:,} comments: median {search['median_ms']} ms, p95 "
            f"{search['p95_ms']} ms, slowest {search['max_ms']} ms." + _elsewhere(search),
            "- Worker memory (resident) after the run: " + "; ".join(
                f"{server} server " + ", ".join(f"{w['rss_mb']} MB (peak {w['peak_mb']})"
                                               for w in workers)
                for server, workers in result["memory"].items())
            + "; right after start, before the load: " + "; ".join(
                f"{server} server " + ", ".join(f"{w['rss_mb']} MB" for w in workers)
                for server, workers in result["memory_at_start"].items()) + ".",
            "- Time taken: " + ", ".join(f"{name.replace('_', ' ')} {seconds:g} s"
                                         for name, seconds in result["seconds"].items()) + ".",
            "",
        ]
    lines += ["## Targets", ""]
    backends = list(report["backends"])
    lines.append("| target | " + " | ".join(report["backends"][b]["label"] for b in backends)
                 + " |")
    lines.append("|---|" + "---|" * len(backends))
    rows = [t["target"] for t in next(iter(report["backends"].values()))["targets"]]
    for index, target in enumerate(rows):
        cells = []
        for backend in backends:
            judged = report["backends"][backend]["targets"][index]
            cells.append(f"**{'met' if judged['met'] else 'missed'}**: {judged['value']}")
        lines.append(f"| {target} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def write(report: dict, directory: Path) -> tuple[Path, Path]:
    """bench/results/<date>[-quick].json and .md; a second run on one day gets -2, -3, ..."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = report["meta"]["date"] + ("-quick" if report["meta"]["quick"] else "")
    name, number = stem, 1
    while (directory / f"{name}.json").exists() or (directory / f"{name}.md").exists():
        number += 1
        name = f"{stem}-{number}"
    json_path, md_path = directory / f"{name}.json", directory / f"{name}.md"
    # Written beside and renamed, so an interrupted run leaves no half file.
    for path, text in ((json_path, json.dumps(report, indent=2, ensure_ascii=False) + "\n"),
                       (md_path, markdown(report))):
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_text(text)
        temporary.replace(path)
    return json_path, md_path
