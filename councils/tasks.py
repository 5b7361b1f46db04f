"""Celery tasks of the councils app (found by the Celery app's autodiscovery): moving the open deadlines a newly
declared day off falls within, and a large Excel import."""

from celery import shared_task
from django.contrib.auth import get_user_model

from . import calendar
from .imports.tasks import run_import_job
from .models import DayOff

__all__ = ["move_deadlines", "run_import_job"]


@shared_task(name="councils.tasks.move_deadlines", soft_time_limit=300, time_limit=360)
def move_deadlines(day_off_id: int, actor_id: int | None = None) -> int:
    """Safe to run twice: the day off remembers that its deadlines were moved."""
    day_off = DayOff.objects.filter(pk=day_off_id).first()
    if day_off is None:
        return 0
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return calendar.move_deadlines(day_off=day_off, actor=actor)


calendar.on_day_off_queued(lambda day_off_id, actor_id: move_deadlines.delay(day_off_id, actor_id))
