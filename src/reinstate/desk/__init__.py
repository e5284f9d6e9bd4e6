"""The case desk: a Django app that stores cases and is written only through its services.

Importing this package does not import Django; call :func:`reinstate.desk.bootstrap.ensure_ready`
(the services do it for you) to configure Django, create and migrate the database on first use.
"""
