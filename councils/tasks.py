"""Celery tasks of the councils app (found by the Celery app's autodiscovery): a large Excel import."""

from .imports.tasks import run_import_job

__all__ = ["run_import_job"]
