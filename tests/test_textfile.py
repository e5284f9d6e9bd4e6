"""Text a user saved, read from bytes the way editors write it."""

from __future__ import annotations

import pytest

from reinstate.core.errors import InputError
from reinstate.core.textfile import decode_text


def test_utf8_with_and_without_a_byte_order_mark() -> None:
    assert decode_text("Café – 3 units".encode(), "poa.txt") == "Café – 3 units"
    assert decode_text(b"\xef\xbb\xbfRoot cause", "poa.txt") == "Root cause"


def test_windows_1252_when_it_is_not_utf8() -> None:
    assert decode_text("Müller’s invoice".encode("cp1252"), "poa.txt") == "Müller’s invoice"


def test_a_binary_file_is_refused_with_its_name() -> None:
    with pytest.raises(InputError, match=r"poa\.docx: this is not a text file"):
        decode_text(b"PK\x03\x04\x00\x00binary", "poa.docx")
