"""The project's Celery app for a worker in which one part of a split run fails
(``celery -A compliance.tests.failing_worker``): evaluating a scope that reaches the councils whose path starts
with HDND_TEST_FAILING_PATH raises. Nothing else differs from ``hdnd_portal.celery``."""

import os

from celery.signals import worker_init

from hdnd_portal.celery import app

__all__ = ["app"]


@worker_init.connect
def _failing_part(**kwargs):
    # Sent once the worker has set Django up, before it forks its pool: every process gets the failing engine.
    from compliance import engine

    evaluate, failing = engine.evaluate, os.environ["HDND_TEST_FAILING_PATH"]

    def failing_evaluate(**arguments):
        if failing in str(arguments["scope"]):
            raise RuntimeError("a part that fails")
        return evaluate(**arguments)

    engine.evaluate = failing_evaluate
