"""Django settings for the embedded desk (``DJANGO_SETTINGS_MODULE=reinstate.desk.settings``).

Default: one SQLite file in the data directory (``$REINSTATE_HOME/reinstate.sqlite3``) in WAL
mode with ``synchronous=FULL`` and IMMEDIATE transactions, so that a second writer waits for the
first instead of failing with "database is locked". ``DATABASE_URL`` selects another database,
e.g. ``postgres://user@host/reinstate`` (install the ``postgres`` extra for the driver).
"""

from __future__ import annotations

import os
from typing import Any

from reinstate.core.paths import data_home

SQLITE_NAME = "reinstate.sqlite3"
SQLITE_OPTIONS: dict[str, Any] = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 5,
    "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;"),
}


def database_config() -> dict[str, Any]:
    """The ``default`` database as the environment asks for it right now."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        import dj_database_url

        config: dict[str, Any] = dict(dj_database_url.parse(url))
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(data_home() / SQLITE_NAME),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


SECRET_KEY = os.environ.get("REINSTATE_SECRET_KEY", "reinstate-desk-has-no-web-secrets")
DEBUG = False
INSTALLED_APPS = ["reinstate.desk"]
DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False
LOGGING_CONFIG = None
MIGRATION_MODULES = {"desk": "reinstate.desk.migrations"}
