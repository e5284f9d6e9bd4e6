"""What the desk commands share: set the desk up, and turn storage failures into one line."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable

from reinstate.core.errors import ReinstateError

Handler = Callable[[argparse.Namespace], int]


class StorageError(ReinstateError):
    """The database or the file store failed (locked too long, disk full, no permission)."""


def desk_command(handler: Handler) -> Handler:
    """Run ``handler`` with the desk ready; a database or disk failure becomes one line."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from reinstate.desk.bootstrap import ensure_ready

        ensure_ready()
        from django.db import DatabaseError

        try:
            return handler(args)
        except DatabaseError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StorageError(f"the database failed: {first}") from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            raise StorageError(f"cannot read or write a file{where}: {exc.strerror}") from None

    return run
