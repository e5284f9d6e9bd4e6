"""Where the user's data lives: ``REINSTATE_HOME`` or the platform's user data directory."""

import os
from pathlib import Path


def data_home() -> Path:
    """The data directory (not created here)."""
    env = os.environ.get("REINSTATE_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("reinstate", appauthor=False))
