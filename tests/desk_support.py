"""Inputs shared by the desk tests: the shared corpus, and a small real image."""

from __future__ import annotations

import io
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_bytes(relative: str | Path) -> bytes:
    """A file of the shared corpus; a missing one fails loudly rather than skipping."""
    path = CORPUS / relative
    if not path.is_file():
        raise FileNotFoundError(f"the shared corpus file {path} is missing")
    return path.read_bytes()


def png_bytes(size: tuple[int, int] = (640, 480)) -> bytes:
    """A real PNG that opens (a screenshot-sized image by default)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()
