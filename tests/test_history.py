"""History of everything: each change says who, when, through which path (page, API, admin, import, task,
command) and what changed old → new, on its council; and no model of the domain escapes the history."""

import datetime

import pytest
from celery import shared_task
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from councils.choices import ChangeSource
from councils.models import AuditEntry
from oversight import services as oversight_services
from oversight.models import WorkItem
from oversight.tests.factories import WorkItemFactory
from tests.api.bulk import PROJECT_APPS
from tests.ui.test_edit_pages import _form_data
from voters import services as voters_services

pytestmark = pytest.mark.django_db

# Models whose changes are written on another record's history, or that are the history and the figures
# computed from it; each with the reason. A new model must be registered in the admin (where
# tests/test_admin_write_path.py proves its changes write history) or be listed here.
OUTSIDE_THE_ADMIN = {
    "oversight.Participant": "who takes part: a line on the activity's history (add/remove_participant)",
    "oversight.ActivityDocument": "an uploaded file: a line on the activity's history (upload_activity_document)",
    "voters.Attachment": "an uploaded file: a line on the petition's history (add_attachment, submit_answer)",
    "oversight.TrainingAttendance": "attendance: a line on the training's history (mark_attendance)",
    "compliance.Evidence": "what a result counted: output of an evaluation run, recomputed, never edited",
    "compliance.EvaluationLock": "the run lock: bookkeeping of the task queue",
    "compliance.StagedResult": "a split run's part, staged until the run ends: bookkeeping of the task queue",
    "compliance.StagedEvidence": "a split run's part, staged until the run ends: bookkeeping of the task queue",
}


def test_every_model_of_the_domain_is_under_the_history():
    strays = [model._meta.label for app in PROJECT_APPS for model in apps.get_app_config(app).get_models()
              if model not in admin.site._registry and model._meta.label not in OUTSIDE_THE_ADMIN]
    assert strays == [], "register these in the admin through their services, or say in OUTSIDE_THE_ADMIN why not"


def _last(obj) -> AuditEntry:
    return AuditEntry.objects.filter(object_id=obj.pk, content_type__model=obj._meta.model_name).latest("id")


def test_each_path_is_recorded(client, api_as, clerk_a, council_a):
    item = WorkItemFactory(council=council_a, title="Chuẩn bị kỳ họp")
    oversight_services.update_work_item(item=item, actor=clerk_a, title="Từ lệnh quản trị")
    assert _last(item).source == ChangeSource.COMMAND

    api_as(clerk_a).patch(f"/api/v1/oversight/work-items/{item.pk}/", {"title": "Từ API"}, format="json")
    assert _last(item).source == ChangeSource.API

    client.force_login(clerk_a)
    url = reverse("oversight:workitem_edit", args=[item.pk])
    data = {**_form_data(client.get(url)), "title": "Từ trang web"}
    assert client.post(url, data).status_code == 302
    entry = _last(item)
    assert entry.source == ChangeSource.PAGE and entry.changes["title"] == ["Từ API", "Từ trang web"]
    assert entry.council == council_a and entry.actor == clerk_a


@shared_task(name="tests.rename_work_item")
def rename_work_item(item_id: int, user_id: int) -> None:
    oversight_services.update_work_item(item=WorkItem.objects.get(pk=item_id),
                                        actor=get_user_model().objects.get(pk=user_id), title="Từ tác vụ")


def test_a_task_and_an_import_say_so(clerk_a, council_a):
    [petition] = voters_services.import_petitions(council=council_a, actor=clerk_a, rows=[
        {"content": "Cử tri đề nghị lắp đèn đường", "received_on": datetime.date(2026, 11, 2)}])
    assert _last(petition).source == ChangeSource.IMPORT
    item = WorkItemFactory(council=council_a)
    rename_work_item.apply(args=[item.pk, clerk_a.pk])
    assert _last(item).source == ChangeSource.TASK
    # Outside the task and the import the path is back to what it was.
    oversight_services.start_work_item(item=item, actor=clerk_a)
    assert _last(item).source == ChangeSource.COMMAND


def test_every_line_of_a_council_record_carries_its_council(clerk_a, council_a, standing_board_a):
    item = oversight_services.create_work_item(
        council=council_a, actor=clerk_a, title="Báo cáo", lead="Chủ tịch", responsible_body=standing_board_a,
        due_date=datetime.date(2026, 12, 1), deliverable="Báo cáo")
    oversight_services.start_work_item(item=item, actor=clerk_a)
    assert set(AuditEntry.objects.filter(object_id=item.pk, content_type__model="workitem")
               .values_list("council", flat=True)) == {council_a.pk}
    assert WorkItem.objects.get(pk=item.pk).version == 2
