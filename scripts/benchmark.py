"""Measure sendreview on synthetic trusts of 10 to 20,000 academies.

Prints, for each size and each command, the wall time, the peak memory and the ratio to a
floor measured in the same run, just before the commands: reading the same review files with
PyYAML's C loader (``yaml.CSafeLoader``) in one process and nothing else. Every command runs
as a separate process, as a user would run it, so start-up is included. Peak memory is the
peak resident size of the largest process the command ran (itself, or one of its workers).

The floor and the commands are run in turn ``--repeat`` times (3 unless told) and the best
time of each is kept, as ``timeit`` does: on a machine shared with other work, the slowest
runs measure the other work.

    python scripts/benchmark.py                       # 10, 100, 1,000 and 20,000 academies
    python scripts/benchmark.py --sizes 10 100 1000   # fewer
    python scripts/benchmark.py --skip-reports-above 1000 --small 1000
    python scripts/benchmark.py --sizes 1000 --small 1000 --repeat 5

Reviews are the realistic ones of ``synthetic.py`` (about 13 KB, with text and action plans);
``--small`` sizes are measured again with small reviews (about 4 KB), where what a command
costs for each file, rather than for each line, shows.

It prints figures; it asserts nothing. Goals (from the project's issues): validate and
aggregate within 1.25x of the floor at 1,000 academies (realistic and small reviews) and
below it at 20,000, using every core; aggregate under 400 MB at 20,000; the Excel report for
1,000 academies within 15 s; ``sendreview --help`` in under 0.3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs in a child process: times one command in-process and reports peak memory of the
# process and of any worker processes it started.
_RUNNER = r"""
import json, resource, sys, time
start = time.perf_counter()
kind = sys.argv[1]
if kind == "floor":
    import pathlib, yaml
    for path in sorted(pathlib.Path(sys.argv[2]).rglob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    code = 0
else:
    from sendreview.cli import app
    try:
        code = app(sys.argv[2:], standalone_mode=False) or 0
    except SystemExit as exit:
        code = exit.code or 0
seconds = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "code": code}), file=sys.stderr)
"""


def measure(args: list[str], cwd: Path) -> dict[str, float]:
    """Wall time of the whole process (start-up included) and its peak memory."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args],
        cwd=cwd,
        text=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    wall = time.perf_counter() - start
    figures = json.loads(result.stderr.strip().splitlines()[-1])
    figures["wall"] = wall
    return figures


def help_time() -> float:
    script = shutil.which("sendreview", path=str(Path(sys.executable).parent))
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([script or "sendreview", "--help"], stdout=subprocess.DEVNULL, check=True)
        runs.append(time.perf_counter() - start)
    return min(runs)


def bench_size(
    size: int, work: Path, *, with_reports: bool, small: bool = False, repeat: int = 3
) -> list[tuple[str, dict[str, float]]]:
    from synthetic import make_trust

    root = work / f"trust-{size}"
    make_trust(root, size, small=small)
    out = work / f"out-{size}"
    out.mkdir()
    commands = [
        ("floor: CSafeLoader parse", ["floor", str(root / "reviews")]),
        ("validate", ["cli", "validate", str(root), "--format", "json"]),
        (
            "aggregate",
            [
                "cli",
                "aggregate",
                str(root),
                "--format",
                "json",
                "-o",
                str(out / "view.json"),
                "--force",
            ],
        ),
    ]
    if with_reports:
        commands += [
            (
                f"report {fmt}",
                [
                    "cli",
                    "report",
                    str(root),
                    "--format",
                    fmt,
                    "-o",
                    str(out / f"r.{fmt}"),
                    "--force",
                ],
            )
            for fmt in ("md", "html", "xlsx")
        ]
    best: dict[str, dict[str, float]] = {}
    for _ in range(repeat):  # in turn, so a busy spell on the machine touches them all alike
        for name, args in commands:
            best[name] = better(best.get(name), measure(args, work))
    shutil.rmtree(root)
    shutil.rmtree(out)
    return [(name, best[name]) for name, _args in commands]


def better(kept: dict[str, float] | None, new: dict[str, float]) -> dict[str, float]:
    """The faster run's time, the larger peak memory, and any failure."""
    if kept is None:
        return new
    return {
        "wall": min(kept["wall"], new["wall"]),
        "peak_mb": max(kept["peak_mb"], new["peak_mb"]),
        "code": kept["code"] or new["code"],
        "seconds": min(kept["seconds"], new["seconds"]),
    }


def at_least_one(text: str) -> int:
    """A count of runs: one or more."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 20000])
    parser.add_argument(
        "--skip-reports-above",
        type=int,
        default=1000,
        help="report formats are measured only up to this many academies",
    )
    parser.add_argument(
        "--small",
        type=int,
        nargs="*",
        default=[1000],
        help="sizes measured again with small reviews (about 4 KB each)",
    )
    parser.add_argument(
        "--repeat",
        type=at_least_one,
        default=3,
        help="runs of each command, in turn; the best time is kept",
    )
    options = parser.parse_args()
    print(f"sendreview --help: {help_time():.2f} s (best of 5)")
    print(
        f"{os.cpu_count()} cores; each figure is the best of {options.repeat} runs, "
        "each in a fresh process"
    )
    print()
    print("| academies | reviews | command | wall time (s) | peak memory (MB) | x floor |")
    print("|---:|---|---|---:|---:|---:|")
    runs = [(size, False) for size in options.sizes]
    runs += [(size, True) for size in options.small]
    with tempfile.TemporaryDirectory(prefix="sendreview-bench-") as folder:
        for size, small in runs:
            with_reports = size <= options.skip_reports_above and not small
            rows = bench_size(
                size, Path(folder), with_reports=with_reports, small=small, repeat=options.repeat
            )
            print_rows(size, "small" if small else "realistic", rows)


def print_rows(size: int, kind: str, rows: list[tuple[str, dict[str, float]]]) -> None:
    floor = rows[0][1]["wall"]
    for name, figures in rows:
        status = "" if figures["code"] == 0 else f" (exit {figures['code']})"
        print(
            f"| {size:,} | {kind} | {name}{status} | {figures['wall']:.2f} | "
            f"{figures['peak_mb']:.0f} | {figures['wall'] / floor:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
