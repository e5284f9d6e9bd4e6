"""Reading a message from Amazon with the core's notice reader."""

from __future__ import annotations

from typing import Any

from reinstate.core.errors import InputError, ReinstateError


def read_message(content: bytes, name: str) -> Any:
    """The Notice the reader makes of ``content`` (one message), or a one-line InputError."""
    from reinstate.core.notice import read_notice
    from reinstate.core.textfile import MAX_MESSAGE_BYTES, check_size, looks_binary

    check_size(content, name, MAX_MESSAGE_BYTES, "one message")
    if looks_binary(content):
        raise InputError(f"{name}: not a text or e-mail file (binary data)")
    try:
        return read_notice(content, source=name)
    except ReinstateError:
        raise
    except (ValueError, UnicodeError) as exc:
        raise InputError(f"{name}: cannot read this message: {exc}") from None
