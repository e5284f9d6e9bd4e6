"""Run the parser in a child process with a wall-clock timeout and a memory limit."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from reinstate.core.evidence.models import ParsedDocument

WORKER = Path(__file__).with_name("_worker.py")
MAX_PIXELS = 80_000_000  # about 9,000 x 9,000: more than any scan or phone photo needs
_MAX_OUTPUT = 4 * 1024 * 1024


def parse_in_child(
    content: bytes,
    mode: Literal["pdf", "image"],
    *,
    timeout_s: float,
    memory_mb: int,
    max_pixels: int = MAX_PIXELS,
) -> ParsedDocument:
    """What the worker read from ``content``; every failure becomes ``failure`` and ``error``."""
    cpu_s = max(1, math.ceil(timeout_s))
    command = [
        sys.executable,
        "-I",  # isolated: no PYTHON* variables, no user site, no script directory on the path
        "-B",
        str(WORKER),
        mode,
        str(memory_mb),
        str(cpu_s),
        str(max_pixels),
    ]
    try:
        done = subprocess.run(
            command,
            input=content,
            capture_output=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ParsedDocument(
            failure="timeout",
            error=f"reading it took longer than {timeout_s:g} s and was stopped",
        )
    except OSError as exc:
        return ParsedDocument(failure="crash", error=f"the reader could not be started ({exc})")
    if done.returncode != 0 or not done.stdout:
        return ParsedDocument(failure="crash", error=_crash_reason(done.returncode, memory_mb))
    try:
        data = json.loads(done.stdout[:_MAX_OUTPUT])
        return ParsedDocument.model_validate(data)
    except (ValueError, ValidationError):
        return ParsedDocument(
            failure="crash", error="the reader gave an answer that makes no sense"
        )


def _crash_reason(returncode: int, memory_mb: int) -> str:
    import signal

    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        if name == "SIGXCPU":
            return "reading it used more processor time than allowed and was stopped"
        if name in ("SIGSEGV", "SIGBUS", "SIGABRT"):
            return f"the reader crashed on it ({name}); the file is probably damaged"
        return f"the reader was stopped ({name})"
    if returncode == 1:
        return (
            f"the reader stopped with an error (out of {memory_mb} MB of memory, or a damaged file)"
        )
    return f"the reader stopped with exit status {returncode}"
