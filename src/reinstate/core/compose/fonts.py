"""The TrueType fonts for PDF output, shipped in the ``font-source-serif-pro`` package.

No system font is assumed. Source Serif Pro covers Latin, Latin Extended, Greek and
Cyrillic, and the typographic marks a letter uses (– — € “ ” •).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from reinstate.core.errors import ReinstateError

FONT_PACKAGE = "font_source_serif_pro"
STYLES = {"": "Regular", "B": "Bold", "I": "It", "BI": "BoldIt"}


@lru_cache(maxsize=1)
def font_files() -> dict[str, Path]:
    """Style ("", "B", "I", "BI") -> path of the TTF file."""
    try:
        folder = resources.files(FONT_PACKAGE) / "files"
    except ModuleNotFoundError:
        raise ReinstateError(
            f"the font package '{FONT_PACKAGE}' is not installed; reinstall reinstate"
        ) from None
    paths: dict[str, Path] = {}
    for style, name in STYLES.items():
        path = Path(str(folder / f"SourceSerifPro-{name}.ttf"))
        if not path.is_file():
            raise ReinstateError(f"font file missing: {path}; reinstall '{FONT_PACKAGE}'")
        paths[style] = path
    return paths
