"""Property tests: no input makes intake raise, and every result satisfies the contract."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reinstate.core.codes import DOCS, NOTICE_KINDS, REASONS
from reinstate.core.errors import InputError
from reinstate.core.notice import Notice, read_notices
from reinstate.core.notice.model import CONTRACT_FIELDS

HERE = Path(__file__).resolve().parent
SAMPLES = [p.read_bytes() for p in sorted((HERE / "notices").glob("*.eml"))]
KEYS = ["schema", "source", *CONTRACT_FIELDS, "confidence"]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_contract(notice: Notice) -> None:
    data = notice.contract()
    assert list(data)[: len(KEYS)] == KEYS
    json.dumps(data)  # serialisable as it is
    assert data["schema"] == 1
    assert data["kind"] in NOTICE_KINDS
    assert data["reason"] in REASONS
    assert all(doc in DOCS for doc in data["requested_documents"])
    assert len(set(data["requested_documents"])) == len(data["requested_documents"])
    for name in ("subject", "marketplace", "merchant_token", "store_name"):
        assert data[name] is None or (isinstance(data[name], str) and data[name])
    if data["received_at"] is not None:
        datetime.fromisoformat(data["received_at"])
    if data["notice_date"] is not None:
        date.fromisoformat(data["notice_date"])
    assert isinstance(data["mentions_section_3"], bool)
    assert all(isinstance(x, str) and x for x in data["case_ids"] + data["asins"])
    assert isinstance(data["language"], str) and data["language"]
    assert set(data["confidence"]) == set(CONTRACT_FIELDS)
    assert all(0.0 <= v <= 1.0 for v in data["confidence"].values())


def read_all(data: bytes | str) -> None:
    try:
        notices = read_notices(data, "prop")
    except InputError:
        assert not data.strip(), "only an empty input is refused"
        return
    assert notices
    for notice in notices:
        check_contract(notice)


@FAST
@given(st.text())
def test_random_text_never_raises(text: str) -> None:
    read_all(text)


@FAST
@given(st.binary())
def test_random_bytes_never_raise(data: bytes) -> None:
    read_all(data)


HEADERISH = st.lists(
    st.sampled_from(
        [
            "Subject: Your Amazon.com selling account has been deactivated",
            "From: Amazon.com <seller-performance@amazon.com>",
            "Date: Tue, 3 Nov 2026 17:14:20 +0000",
            "Content-Type: multipart/mixed; boundary=zz",
            "Content-Type: text/html; charset=x-bogus",
            "Content-Transfer-Encoding: base64",
            "MIME-Version: 1.0",
            "--zz",
            "--zz--",
            "> quoted line",
            "---------- Forwarded message ---------",
            "On Tue, Nov 3, 2026 at 8:01 AM Amazon <a@amazon.com> wrote:",
            "Merchant token: A3KQ7X2M9PLZ4T",
            "ASIN: B0XXXX",
            "<p><ul><li>",
            "=?utf-8?q?broken",
            "",
        ]
    ),
    max_size=25,
)


@FAST
@given(HEADERISH, st.text(max_size=200))
def test_mail_shaped_noise_never_raises(lines: list[str], tail: str) -> None:
    read_all("\n".join(lines) + "\n" + tail)


@FAST
@given(
    st.sampled_from(SAMPLES),
    st.integers(min_value=0, max_value=4000),
    st.integers(min_value=0, max_value=4000),
    st.binary(max_size=40),
)
def test_damaged_mime_never_raises(sample: bytes, cut: int, at: int, junk: bytes) -> None:
    """A real message truncated, with bytes spliced in: still read, still the contract."""
    cut = cut % (len(sample) + 1)
    at = at % (cut + 1)
    damaged = sample[:at] + junk + sample[at:cut]
    read_all(damaged)


@FAST
@given(st.sampled_from(SAMPLES), st.data())
def test_dropped_lines_never_raise(sample: bytes, data: st.DataObject) -> None:
    lines = sample.split(b"\n")
    keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    read_all(b"\n".join(line for line, k in zip(lines, keep, strict=True) if k))
