"""Changes made by a Celery task are recorded as coming from a task: connected when the app is ready
(``CouncilsConfig.ready``), so the history says "tác vụ tự động" rather than a person's page."""

from celery.signals import task_postrun, task_prerun

from . import audit
from .choices import ChangeSource

_tokens: dict[str, object] = {}


@task_prerun.connect(dispatch_uid="councils.audit_source.task_started", weak=False)
def _task_started(task_id=None, **_kwargs):
    _tokens[task_id] = audit.set_source(ChangeSource.TASK)


@task_postrun.connect(dispatch_uid="councils.audit_source.task_finished", weak=False)
def _task_finished(task_id=None, **_kwargs):
    token = _tokens.pop(task_id, None)
    if token is not None:
        audit.reset_source(token)
