"""`python -m bench` (`make bench`): run every benchmark, one process each, in sequence.

Each benchmark prints its own figures (medians and ratios; the machine may be shared and
noisy). Pass names to run only some: `python -m bench triage demo`.
"""

from __future__ import annotations

import subprocess
import sys
import time

BENCHMARKS = {
    "triage": ["bench.bench_triage"],
    "triage-cold": ["bench.bench_triage", "--cold", "--runs", "3"],
    "abuse-eval": ["bench.bench_abuse"],
    "demo": ["bench.bench_demo"],
    "ui": ["bench.bench_ui"],
    "sync": ["bench.bench_sync"],
    "soak": ["bench.bench_soak"],
}


def main(argv: list[str]) -> int:
    chosen = argv or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    failed = []
    for name in chosen:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", *BENCHMARKS[name]], check=False)
        print(f"== {name}: exit {done.returncode} in {time.perf_counter() - started:.0f} s\n")
        if done.returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
