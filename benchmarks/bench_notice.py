"""Reading notices: each corpus notice, and a 10,000-message mbox built from them, against the
standard library's own parse of the same messages (``message_from_bytes`` with
``policy.default`` plus ``get_body``/``get_content``): the floor no reader can go under.
"""

from __future__ import annotations

import email
import mailbox
import statistics
import tempfile
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path

from benchmarks._common import Result, median_time

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "notices"
OWN = ROOT / "tests" / "notices"
MBOX_SIZE = 10_000


def _messages(folder: Path) -> Iterator[bytes]:
    """Every notice of a folder as one RFC 822 message (pasted text wrapped in a plain mail)."""
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        if path.suffix == ".eml":
            yield data
        elif path.suffix == ".mbox":
            for msg in mailbox.mbox(str(path)):
                yield msg.as_bytes()
        elif path.suffix == ".txt":
            wrapped = EmailMessage()
            wrapped["From"] = "seller@example.org"
            wrapped["Subject"] = "Fwd: notice"
            wrapped.set_content(data.decode("utf-8"))
            yield bytes(wrapped)


def _floor_one(data: bytes) -> None:
    msg = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        try:
            body.get_content()
        except LookupError:  # an unknown charset (one of our damaged cases)
            payload = body.get_payload(decode=True)
            if isinstance(payload, bytes):
                payload.decode("utf-8", "replace")


def _write_mbox(folder: Path, messages: list[bytes]) -> Path:
    path = folder / "notices.mbox"
    with path.open("wb") as fh:
        for i in range(MBOX_SIZE):
            data = messages[i % len(messages)].replace(b"\r\n", b"\n")
            body_start = data.find(b"\n\n")
            head, body = data[:body_start], data[body_start:]
            body = b"\n".join(
                b">" + line if line.startswith(b"From ") else line for line in body.split(b"\n")
            )
            fh.write(b"From seller-performance@amazon.com Mon Oct 19 04:12:55 2026\n")
            fh.write(head + body.rstrip(b"\n") + b"\n\n")
    return path


def _floor_mbox(path: Path) -> int:
    count = 0
    box = mailbox.mbox(str(path), factory=None, create=False)
    for key in box.iterkeys():
        _floor_one(box.get_bytes(key))
        count += 1
    return count


def run() -> list[Result]:
    from reinstate.core.notice import read_notices
    from reinstate.core.notice.patterns import load_patterns

    load_patterns()  # compiled once per process; not part of reading a notice
    folders = [f for f in (CORPUS, OWN) if f.is_dir()]
    messages = [m for folder in folders for m in _messages(folder)]
    ours_each = [median_time(lambda m=m: read_notices(m), repeat=15, number=20) for m in messages]
    floor_each = [median_time(lambda m=m: _floor_one(m), repeat=15, number=20) for m in messages]
    typical = statistics.median(ours_each)
    results = [
        Result(
            f"one notice, median of {len(messages)}",
            typical,
            statistics.median(floor_each),
            "s",
            "stdlib parse",
            "< 2 ms",
            typical < 0.002,
        ),
        Result(
            "one notice, slowest",
            max(ours_each),
            max(floor_each),
            "s",
            "stdlib parse",
            "-",
            None,
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = _write_mbox(Path(tmp), messages)

        def ours() -> None:
            read_notices(path.read_bytes(), str(path))

        def floor() -> None:
            _floor_mbox(path)

        t_ours = median_time(ours, repeat=3)
        t_floor = median_time(floor, repeat=3)
    results.append(
        Result(
            f"mbox of {MBOX_SIZE:,} messages",
            t_ours,
            t_floor,
            "s",
            "stdlib parse",
            "< 2x",
            t_ours / t_floor < 2,
        )
    )
    return results
