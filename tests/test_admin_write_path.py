"""The admin is one more write path under the same rules, proved on every model registered in it: nothing is
ever deleted; a clerk of another council can neither open a council's record nor create one in it; and a
change saved through the admin writes its history line with the field's old and new value."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from compliance.models import PendingEvaluation
from councils.admin_base import ScopedAdmin
from councils.choices import CalendarEvent
from councils.models import AuditEntry, Council
from councils.tests.factories import UserFactory
from tests.api.bulk import PROJECT_APPS, all_factories, build_extras

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    ((model, model_admin) for model, model_admin in admin.site._registry.items()
     if model._meta.app_label in PROJECT_APPS or model._meta.label == "auth.User"),
    key=lambda pair: pair[0]._meta.label,
)
SCOPED = [(model, model_admin) for model, model_admin in REGISTERED if isinstance(model_admin, ScopedAdmin)]


def staff(user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label__in=PROJECT_APPS).exclude(codename__startswith="delete_"))
    return user


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def row_in(model, council):
    """One row of ``model`` in ``council``, from its factory (or the builder of the models without one)."""
    lookup = getattr(model, "council_scope", None)
    existing = model._base_manager.filter(**({lookup: council} if lookup else {"pk": council.pk}))
    if existing.exists():
        return existing.first()
    factories = {factory._meta.model: factory for factory in all_factories()}
    if model in factories:
        return factories[model](**{lookup: council})
    if model is PendingEvaluation:
        return PendingEvaluation.objects.create(council=council, requested_at=timezone.now())
    build_extras(1, in_council=council)
    return model._base_manager.filter(**{lookup: council}).first()


class _Form(HTMLParser):
    """The fields of the admin's change form as a browser would post them back."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data.removeprefix("\n") if not self.data[self._textarea][0] else data


def form_data(html: str) -> dict:
    parser = _Form()
    parser.feed(html)
    return {name: values if len(values) != 1 else values[0] for name, values in parser.data.items()}


@pytest.mark.parametrize("model,model_admin", REGISTERED, ids=lambda v: getattr(v, "_meta", None) and v._meta.label)
def test_nothing_is_deleted_through_the_admin(model, model_admin):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    assert model_admin.has_delete_permission(request) is False
    assert "delete_selected" not in model_admin.get_actions(request)


@pytest.mark.parametrize("model,model_admin", SCOPED, ids=lambda v: getattr(v, "_meta", None) and v._meta.label)
def test_another_councils_clerk_can_neither_open_nor_create(client, model, model_admin, council_a, clerk_b):
    obj = row_in(model, council_a)
    assert obj is not None, f"no way to build a {model._meta.label} in a council"
    client.force_login(staff(clerk_b))
    assert client.get(url(model, "change", obj.pk)).status_code == 404
    assert client.post(url(model, "change", obj.pk), {}).status_code == 404
    before = model._base_manager.count()
    if "council" in {f.name for f in model._meta.fields}:
        # Council A is not among the choices: the add form refuses it (or the page is not offered at all).
        response = client.post(url(model, "add"), {"council": council_a.pk})
        assert response.status_code in (200, 403)
    assert model._base_manager.count() == before


@pytest.mark.parametrize("model,model_admin", SCOPED, ids=lambda v: getattr(v, "_meta", None) and v._meta.label)
def test_a_change_through_the_admin_writes_history(client, model, model_admin, council_a, clerk_a):
    obj = row_in(model, council_a)
    user = UserFactory(is_superuser=True, is_staff=True) if model is Council else staff(clerk_a)
    client.force_login(user)
    page = client.get(url(model, "change", obj.pk))
    assert page.status_code == 200
    if not model_admin.has_change_permission(page.wsgi_request, obj) or "adminform" not in page.context:
        pytest.skip(f"{model._meta.label} is read-only in the admin")
    form = page.context["adminform"].form
    data = form_data(page.content.decode())
    text_fields = [name for name, field in form.fields.items()
                   if type(field).__name__ in ("CharField", "DateField") and name != "code"]
    if not text_fields:
        pytest.skip(f"{model._meta.label}: only choices to change (covered by the same save path)")
    name = text_fields[0]
    if type(form.fields[name]).__name__ == "DateField":
        data[name] = "31/12/2026"
    else:
        data[name] = f"{data.get(name, '')} (sửa)".strip()[: form.fields[name].max_length or 500]
    response = client.post(url(model, "change", obj.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    # A record with its own edit service names its event (a day off: "day_off_changed", which also moves
    # the deadlines).
    entry = AuditEntry.objects.filter(object_id=obj.pk, action__in=["update", "change", CalendarEvent.DAY_OFF_CHANGED]
                                      ).order_by("-id").first()
    assert entry is not None and entry.actor == user
    assert name in entry.changes


def test_an_admin_add_goes_through_the_service_and_its_rules(client, clerk_a, council_a, standing_board_a):
    from oversight.models import WorkItem

    client.force_login(staff(clerk_a))
    data = {"council": council_a.pk, "year": 2026, "origin": "planned", "title": "Chuẩn bị kỳ họp thứ 5",
            "lead": "Phó Chủ tịch HĐND", "responsible_body": standing_board_a.pk, "due_date": "30/06/2026",
            "deliverable": ""}
    refused = client.post(url(WorkItem, "add"), data, follow=True)
    assert refused.status_code == 200 and not WorkItem.objects.exists()
    data["deliverable"] = "Tờ trình"
    assert client.post(url(WorkItem, "add"), data).status_code == 302
    item = WorkItem.objects.get()
    assert AuditEntry.objects.filter(object_id=item.pk, action="create", actor=clerk_a, council=council_a).exists()
