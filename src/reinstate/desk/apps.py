"""Django app configuration for the case desk."""

from __future__ import annotations

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "reinstate.desk"
    label = "desk"
    verbose_name = "Case desk"
    default_auto_field = "django.db.models.BigAutoField"
