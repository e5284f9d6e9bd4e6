"""Whether an image (or a PDF made of one) looks like a screenshot. A heuristic, and said so."""

from __future__ import annotations

import re

from reinstate.core.evidence.models import ImageInfo

# Pixel sizes of common desktop, laptop, phone and tablet screens (either orientation).
_SCREEN_SIZE_LIST = (
    "1024x768 1280x720 1280x800 1280x1024 1360x768 1366x768 1440x900 1536x864 1600x900 "
    "1680x1050 1920x1080 1920x1200 2048x1152 2560x1080 2560x1440 2560x1600 2880x1800 "
    "3440x1440 3840x2160 5120x2880 3024x1964 3456x2234 2880x1864 2940x1912 1512x982 1728x1117 "
    "2736x1824 2256x1504 750x1334 828x1792 1080x1920 1080x2340 1080x2400 1125x2436 1170x2532 "
    "1179x2556 1242x2208 1242x2688 1284x2778 1290x2796 1440x2960 1440x3040 1440x3200 720x1600 "
    "1536x2048 1620x2160 1640x2360 1668x2388 2048x2732 "
)
_SCREEN_SIZES: frozenset[tuple[int, int]] = frozenset(
    size
    for w, h in (tuple(int(n) for n in item.split("x")) for item in _SCREEN_SIZE_LIST.split())
    for size in ((w, h), (h, w))
)

_SCREENSHOT_TOOL = re.compile(
    r"screen\s*shot|screenshot|screen\s*capture|bildschirmfoto|bildschirmaufnahme"
    r"|capture d.ecran|captura de pantalla|schermata|snipping|snip\s*&\s*sketch|greenshot"
    r"|flameshot|lightshot|shutter|spectacle|sharex|gyazo|skitch",
    re.IGNORECASE,
)

HEURISTIC = "a heuristic from the file's size and metadata"


def screenshot_tool(tags: list[str]) -> str | None:
    """The metadata value that names a screenshot tool, if any."""
    for tag in tags:
        if _SCREENSHOT_TOOL.search(tag):
            return tag.strip()[:60]
    return None


def is_screen_size(width: int, height: int) -> bool:
    """Exactly the pixel size of a common screen."""
    return (width, height) in _SCREEN_SIZES


def judge_image(image: ImageInfo) -> tuple[bool, str]:
    """``(passed, reason)`` for "not a screenshot" on one image."""
    size = f"{image.width}x{image.height}"
    tool = screenshot_tool(image.software)
    if tool:
        return False, f"the image metadata names a screenshot tool ('{tool}'); {HEURISTIC}"
    camera = " ".join(p for p in (image.camera_make, image.camera_model) if p)
    if camera:
        return True, f"a photo: the camera is recorded ({camera}); {HEURISTIC}"
    if is_screen_size(image.width, image.height):
        return False, (
            f"a {image.format} of exactly {size} pixels, a common screen size, with no camera "
            f"details: it looks like a screenshot; scan or photograph the original instead "
            f"({HEURISTIC})"
        )
    return True, f"no sign of a screenshot ({image.format}, {size} pixels); {HEURISTIC}"


def judge_pdf(
    metadata: dict[str, str], page_images: list[tuple[int, int]], has_text: bool
) -> tuple[bool | None, str]:
    """``(passed, reason)`` for "not a screenshot" on a PDF."""
    tool = screenshot_tool(list(metadata.values()))
    if tool:
        return False, f"the PDF was made by a screenshot tool ('{tool}'); {HEURISTIC}"
    screen = [f"{w}x{h}" for w, h in page_images if is_screen_size(w, h)]
    if screen and not has_text:
        return False, (
            f"the first page is an image of exactly {screen[0]} pixels, a common screen size: "
            f"it looks like a screenshot saved as PDF ({HEURISTIC})"
        )
    if has_text:
        return True, f"a PDF with a text layer, not a picture of a screen; {HEURISTIC}"
    if page_images:
        return True, f"a scanned PDF whose images are not screen-sized; {HEURISTIC}"
    return None, "a PDF with neither text nor images on its first page: it could not be judged"
