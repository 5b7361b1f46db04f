"""The project's Celery app for a worker that a test kills mid-run (``celery -A compliance.tests.slow_worker``):
every evaluation first waits HDND_TEST_EVALUATION_SECONDS, so its run is in progress, recorded "running"
and holding the lock, long enough to be killed. Nothing else differs from ``hdnd_portal.celery``."""

import os
import time

from celery.signals import worker_init

from hdnd_portal.celery import app

__all__ = ["app"]


@worker_init.connect
def _slow_evaluations(**kwargs):
    # Sent once the worker has set Django up, before it forks its pool: every process gets the slow engine.
    from compliance import engine

    evaluate, seconds = engine.evaluate, float(os.environ["HDND_TEST_EVALUATION_SECONDS"])

    def slow_evaluate(**arguments):
        time.sleep(seconds)
        return evaluate(**arguments)

    engine.evaluate = slow_evaluate
