"""Text a user saved (a Plan of Action, a worksheet, call notes) read from bytes."""

from reinstate.core.errors import InputError


def decode_text(content: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, as editors save text.

    A file with NUL bytes near its start is not text (a PDF or a Word file, say): that is an
    :class:`InputError` naming the file rather than a page of garbage.
    """
    if b"\x00" in content[:4096]:
        raise InputError(f"{name}: this is not a text file; save it as plain text")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")
