"""Configure Django on first use, create and migrate the database, make the default Workspace.

Services call :func:`ensure_ready` before touching the database. Django can be set up only
once per process, but the database it points at follows ``REINSTATE_HOME`` and
``DATABASE_URL``: when they change (tests, or a long-lived process serving another data
directory), the connection is closed, re-pointed and the new database migrated.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reinstate.core.errors import InputError
from reinstate.core.paths import data_home

if TYPE_CHECKING:
    from reinstate.desk.models import Workspace
    from reinstate.desk.storage import FileStore

DEFAULT_WORKSPACE = "default"

_lock = threading.Lock()
_ready_for: tuple[str, str] | None = None


def _target() -> tuple[str, str]:
    return (os.environ.get("DATABASE_URL", "").strip(), str(data_home()))


def _setup_django() -> None:
    from django.conf import settings

    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reinstate.desk.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def _point_database() -> None:
    """Make the ``default`` connection use the database the environment names now."""
    from django.db import connections

    from reinstate.desk.settings import database_config

    wanted = database_config()
    current: dict[str, Any] = connections["default"].settings_dict
    keys = ("ENGINE", "NAME", "HOST", "PORT", "USER")
    if all(current.get(k) == wanted.get(k) for k in keys if k in wanted):
        return
    connections.close_all()
    if current.get("ENGINE") == wanted.get("ENGINE"):
        current.update(wanted)
        return
    # another engine: a new connection wrapper of the right class on next use
    connections.settings["default"] = connections.configure_settings({"default": wanted})["default"]
    with suppress(AttributeError):  # no connection made yet in this thread
        del connections["default"]


@contextmanager
def _migration_lock(home: Path) -> Iterator[None]:
    """Two first runs at once: one migrates, the other waits and then finds nothing to do."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: SQLite's own locking has to do
        yield
        return
    try:
        handle = open(home / ".migrate.lock", "a")  # noqa: SIM115 - closed by the with below
    except OSError:
        # a read-only data directory: nothing can be migrated there anyway; reading still works,
        # and a write fails with the database's own one-line message
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    if executor.migration_plan(targets):
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def ensure_ready() -> None:
    """Set up Django, the data directory and the database (migrated); cheap when done."""
    global _ready_for
    target = _target()
    if _ready_for == target:
        return
    with _lock:
        if _ready_for == target:
            return
        home = Path(target[1])
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the data directory {home}: {exc.strerror}") from None
        _setup_django()
        _point_database()
        try:
            with _migration_lock(home):
                _migrate()
        except Exception as exc:
            from django.core.exceptions import ImproperlyConfigured
            from django.db import DatabaseError

            if isinstance(exc, DatabaseError | ImportError | ImproperlyConfigured):
                raise InputError(f"cannot open the database: {exc}") from None
            if isinstance(exc, OSError):
                raise InputError(f"cannot use the data directory {home}: {exc.strerror}") from None
            raise
        default_workspace()
        _ready_for = target


def default_workspace() -> Workspace:
    """The local default Workspace (created on first use)."""
    from reinstate.desk.models import Workspace

    workspace, _ = Workspace.objects.get_or_create(name=DEFAULT_WORKSPACE)
    return workspace


def file_store() -> FileStore:
    """The content-addressed file store of the current data directory."""
    from reinstate.desk.storage import FileStore

    return FileStore(data_home() / "files")
