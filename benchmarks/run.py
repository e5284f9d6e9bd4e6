"""Run every ``benchmarks/bench_*.py`` and print each figure with its ratio to a reference.

Each module defines ``run() -> list[Result]``. Usage: ``python benchmarks/run.py [NAME...]``
(names without the ``bench_`` prefix). Exit status is 0 unless a benchmark crashed: a slow
machine never fails the run.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks._common import Result  # noqa: E402


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        if value < 1e-3:
            return f"{value * 1e6:8.1f} µs"
        if value < 1:
            return f"{value * 1e3:8.2f} ms"
        return f"{value:8.2f} s "
    return f"{value:10.3f} {unit}"


def main(argv: list[str]) -> int:
    wanted = set(argv)
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    crashed = 0
    for stem in modules:
        short = stem.removeprefix("bench_")
        if wanted and short not in wanted:
            continue
        print(f"== {short}", flush=True)
        try:
            module = importlib.import_module(f"benchmarks.{stem}")
            results: list[Result] = module.run()
        except Exception:
            crashed += 1
            traceback.print_exc()
            continue
        for r in results:
            verdict = "" if r.met is None else ("  target met" if r.met else "  target NOT met")
            print(
                f"  {r.name:<44} ours {_fmt(r.ours, r.unit)}   "
                f"{r.reference_name} {_fmt(r.reference, r.unit)}   "
                f"ratio {r.ratio:6.2f}  (target {r.target}){verdict}",
                flush=True,
            )
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
