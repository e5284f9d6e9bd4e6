"""Review speed: one 1,000-word Plan of Action in process, and 1,000 letters through the CLI.

Both are measured against proselint (a general prose linter) on the same letters in the same
run. proselint is not a dependency: the benchmark makes its own venv under ``.bench/`` and
pip-installs proselint there if it is missing; when that fails it says so and reports our
figures alone.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import Result, median_time

ROOT = Path(__file__).resolve().parent.parent
BENCH_VENV = ROOT / ".bench" / "proselint"
SOURCES = [Path("/work/shared/corpus/appeals"), ROOT / "tests" / "appeals"]
HEADINGS = [
    ("Root cause", "Corrective actions", "Preventive measures"),
    ("1. Root Cause:", "2. Corrective Actions:", "3. Preventive Measures:"),
    ("## What caused the issue", "## Actions taken to resolve", "## Steps to prevent"),
    ("ROOT CAUSE ANALYSIS", "CORRECTIVE ACTIONS TAKEN", "PREVENTION"),
]
N_LETTERS = 1000
WORDS = 1000
SHORT_LETTER = (
    "Dear Seller Performance Team,\n\nRoot cause: we listed a used item as new.\n"
    "Corrective actions: on 3 May we removed the listing and refunded 2 buyers.\n"
    "Preventive measures: every return is now graded by a second person.\n"
)


def _material() -> tuple[list[str], list[str]]:
    """Header lines and body lines from the labelled letters (corpus and our own cases)."""
    headers: list[str] = []
    lines: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if not line:
                    continue
                if re.match(r"(?i)(store|merchant|case|date|deactivat|seller)\b.*:", line):
                    headers.append(line)
                elif len(line.split()) >= 6:
                    lines.append(line)
    return headers, lines


def make_letter(rng: random.Random, headers: list[str], lines: list[str], words: int) -> str:
    """A letter of about ``words`` words: identifiers, then three headed parts."""
    out = rng.sample(headers, min(4, len(headers)))
    count = sum(len(h.split()) for h in out)
    parts = rng.choice(HEADINGS)
    per_part = (words - count) // 3
    for heading in parts:
        out.append("")
        out.append(heading)
        taken = 0
        while taken < per_part:
            line = rng.choice(lines)
            out.append(line)
            taken += len(line.split())
    return "\n".join(out) + "\n"


def _proselint_python() -> Path | None:
    python = BENCH_VENV / "bin" / "python"
    if (BENCH_VENV / "bin" / "proselint").exists():
        return python
    try:
        if not python.exists():
            subprocess.run(
                [sys.executable, "-m", "venv", str(BENCH_VENV)], check=True, capture_output=True
            )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "proselint"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"  proselint could not be installed ({exc}); reporting our figures alone")
        return None
    return python if (BENCH_VENV / "bin" / "proselint").exists() else None


_PROSELINT_ONE = """
import statistics, sys, time
from proselint.checks import __register__
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
CheckRegistry().register_many(__register__)
text = open(sys.argv[1], encoding="utf-8").read()
LintFile("x", text).lint()
rounds = []
for i in range(15):
    variant = text + " " * (i + 1)  # proselint memoises by content: give it new text
    start = time.perf_counter()
    LintFile("x", variant).lint()
    rounds.append(time.perf_counter() - start)
print(statistics.median(rounds))
"""


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def run() -> list[Result]:
    from reinstate.core.review import ReviewConfig, review

    headers, lines = _material()
    if not lines:
        print("  no letters to build the benchmark from; skipped")
        return []
    rng = random.Random(20261126)
    letter = make_letter(rng, headers, lines, WORDS)
    config = ReviewConfig(builtin_only=True)
    review(letter, config=config)
    ours_one = median_time(lambda: review(letter, config=config), repeat=15, number=20)
    print(f"  in-process letter: {len(letter.split())} words")

    python = _proselint_python()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="reinstate-bench-") as tmp:
        folder = Path(tmp)
        one = folder / "one.txt"
        one.write_text(letter, encoding="utf-8")
        theirs_one = 0.0
        if python is not None:
            done = subprocess.run(
                [str(python), "-c", _PROSELINT_ONE, str(one)],
                capture_output=True,
                text=True,
                check=False,
            )
            theirs_one = float(done.stdout.strip() or 0.0)
        results.append(
            Result(
                "review of a 1,000-word POA (in process)",
                ours_one,
                theirs_one,
                "s",
                "proselint",
                "about 1 ms",
                ours_one <= 0.0015,
            )
        )

        short = folder / "short.txt"
        short.write_text(SHORT_LETTER, encoding="utf-8")
        # As on a user's machine: byte code is written once and reused (this machine sets
        # PYTHONDONTWRITEBYTECODE, which would recompile every module at every start).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["REINSTATE_HOME"] = str(folder / "home")
        command = [sys.executable, "-m", "reinstate", "check", "--format", "json"]
        # the warm-up run writes the byte code and keeps the pattern keys in the data
        # directory's cache (as a user's first run would)
        _wall([*command, str(short)], env)
        ours_start = statistics.median(_wall([*command, str(short)], env) for _ in range(7))
        theirs_start = 0.0
        if python is not None:
            proselint = str(BENCH_VENV / "bin" / "proselint")
            theirs_start = statistics.median(
                _wall([proselint, "-o", "json", "check", str(short)], env) for _ in range(3)
            )
        results.append(
            Result(
                "CLI start-up, one short letter",
                ours_start,
                theirs_start,
                "s",
                "proselint",
                "well under 0.2 s",
                ours_start < 0.2,
            )
        )

        paths = []
        sizes = []
        for i in range(N_LETTERS):
            text = make_letter(rng, headers, lines, WORDS)
            sizes.append(len(text.split()))
            path = folder / f"letter-{i:04d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        print(f"  batch: {N_LETTERS} letters, median {statistics.median(sizes):.0f} words")
        ours_batch = _wall([*command, *paths], env)
        ours_one_process = _wall([*command, "--jobs", "1", *paths], env)
        theirs_batch = 0.0
        if python is not None:
            proselint = str(BENCH_VENV / "bin" / "proselint")
            theirs_batch = _wall([proselint, "-o", "json", "check", *paths], env)
        ratio = ours_batch / theirs_batch if theirs_batch else float("inf")
        results.append(
            Result(
                f"CLI batch, {N_LETTERS} letters, --jobs 1 (for information)",
                ours_one_process,
                theirs_batch,
                "s",
                "proselint",
                "none",
                None,
            )
        )
        results.append(
            Result(
                f"CLI batch, {N_LETTERS} letters (default; start-up included)",
                ours_batch,
                theirs_batch,
                "s",
                "proselint",
                "< 0.1 (10x faster)",
                ratio < 0.1 if theirs_batch else None,
            )
        )
    return results
