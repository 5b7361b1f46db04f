"""The same limits on the pages and in the API (utilities.limits): every text has a maximum length, every date a
plausible range, both refused with a Vietnamese message naming the limit; every serializer and page form uses them."""

import datetime
import inspect

import pytest
from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import force_instance
from drf_spectacular.settings import spectacular_settings
from rest_framework import serializers

from councils import forms as council_forms
from oversight import forms as oversight_forms
from oversight.models import Training
from utilities import limits, ui
from utilities.api.fields import PlausibleDateField, PlausibleDateTimeField
from voters import forms as voter_forms
from voters.models import Petition

pytestmark = pytest.mark.django_db

TWO_MEGABYTES = "x" * 2 * 1024 * 1024  # below the 2.5 MB a request body may have (DATA_UPLOAD_MAX_MEMORY_SIZE)


@pytest.fixture
def today_is(monkeypatch):
    def set_today(day):
        monkeypatch.setattr(limits.timezone, "localdate", lambda timezone=None: day)
    return set_today


# ---------------------------------------------------------------------------------------------------------
# The rule


def test_the_plausible_range_runs_from_1945_to_ten_years_ahead(today_is):
    today_is(datetime.date(2026, 12, 2))
    assert limits.plausible_date_range() == (datetime.date(1945, 1, 1), datetime.date(2036, 12, 2))
    limits.validate_plausible_date(datetime.date(1945, 1, 1))
    limits.validate_plausible_date(datetime.date(2036, 12, 2))
    for outside in (datetime.date(1944, 12, 31), datetime.date(2036, 12, 3), datetime.date(216, 5, 1)):
        with translation.override("vi"), pytest.raises(
                ValidationError, match=r"^\['Ngày phải trong khoảng từ 01/01/1945 đến 02/12/2036.'\]$"):
            limits.validate_plausible_date(outside)


def test_ten_years_after_a_29_february_is_the_28th(today_is):
    today_is(datetime.date(2028, 2, 29))
    assert limits.plausible_date_range()[1] == datetime.date(2038, 2, 28)


def test_a_moment_counts_by_its_day_in_vietnam(today_is):
    today_is(datetime.date(2026, 12, 2))
    # 2/12/2036 16:30 UTC is 23:30 in Hà Nội (UTC+7), the last day accepted; an hour later it is the 3rd there.
    limits.validate_plausible_date(datetime.datetime(2036, 12, 2, 16, 30, tzinfo=datetime.UTC))
    with pytest.raises(ValidationError):
        limits.validate_plausible_date(datetime.datetime(2036, 12, 2, 17, 30, tzinfo=datetime.UTC))


# ---------------------------------------------------------------------------------------------------------
# The API


def _letter(council, **changes):
    return {"council": council.pk, "kind": "complaint", "channel": "mail", "content": "Khiếu nại về bồi thường",
            "received_on": "2026-11-16", **changes}


def test_a_two_megabyte_petition_is_a_400_in_vietnamese(api_as, clerk_a, council_a):
    response = api_as(clerk_a).post("/api/v1/voters/letters/", _letter(council_a, content=TWO_MEGABYTES),
                                    format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"content": ["Không được dài quá 10000 ký tự."]}
    assert not Petition.objects.exists()


def test_a_column_keeps_its_own_length_with_the_same_message(api_as, clerk_a, council_a):
    response = api_as(clerk_a).post("/api/v1/voters/letters/", _letter(council_a, sender_name="x" * 201),
                                    format="json")
    assert response.json()["error"]["fields"] == {"sender_name": ["Không được dài quá 200 ký tự."]}


def test_an_action_note_has_the_long_text_limit(api_as, clerk_a, council_a):
    petition = api_as(clerk_a).post("/api/v1/voters/letters/", _letter(council_a), format="json").json()
    response = api_as(clerk_a).post(f"/api/v1/voters/letters/{petition['id']}/close/", {"note": TWO_MEGABYTES},
                                    format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"note": ["Không được dài quá 10000 ký tự."]}


@pytest.mark.parametrize("received_on", ["0216-05-01", "1944-12-31", "2999-01-01"])
def test_an_implausible_date_is_a_400_naming_the_range(api_as, clerk_a, council_a, received_on):
    response = api_as(clerk_a).post("/api/v1/voters/letters/", _letter(council_a, received_on=received_on),
                                    format="json")
    assert response.status_code == 400
    [message] = response.json()["error"]["fields"]["received_on"]
    earliest, latest = limits.plausible_date_range()
    assert message == f"Ngày phải trong khoảng từ 01/01/1945 đến {latest:%d/%m/%Y}."


def test_a_declared_date_of_an_action_is_checked_too(api_as, clerk_a, council_a, term):
    response = api_as(clerk_a).post("/api/v1/oversight/trainings/", {
        "council": council_a.pk, "title": "Kỹ năng chất vấn", "start_date": "2026-11-20",
        "end_date": "0216-11-21"}, format="json")
    assert response.status_code == 400 and list(response.json()["error"]["fields"]) == ["end_date"]


def test_the_schema_states_the_limit_of_what_comes_in_not_of_what_was_stored():
    components = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    assert components["PetitionRequest"]["properties"]["content"]["maxLength"] == limits.LONG_TEXT_MAX_LENGTH
    assert components["PetitionRequest"]["properties"]["sender_name"]["maxLength"] == 200
    # A text stored before the limit existed may be longer: a response promises no length.
    assert "maxLength" not in components["Petition"]["properties"]["content"]
    assert components["Petition"]["properties"]["sender_name"]["maxLength"] == 200


def _request_serializers():
    """Every serializer a POST, PUT or PATCH of the API reads its body with."""
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    for path, path_regex, method, view in generator._get_paths_and_endpoints():
        if method not in ("POST", "PUT", "PATCH"):
            continue
        view.request = spectacular_settings.GET_MOCK_REQUEST(method, path, view, None)
        view.schema.method, view.schema.path, view.schema.path_regex = method, path, path_regex
        request = view.schema.get_request_serializer()
        for serializer in (request.values() if isinstance(request, dict) else [request]):
            if serializer is not None:
                yield f"{method} {path}", force_instance(serializer)


def _unbounded_inputs(serializer, prefix=""):
    if isinstance(serializer, serializers.ListSerializer):
        serializer = serializer.child
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        label = f"{prefix}{name}"
        if isinstance(field, serializers.ListField):
            field = field.child
        if isinstance(field, serializers.BaseSerializer):
            yield from _unbounded_inputs(field, f"{label}.")
        elif isinstance(field, serializers.DateTimeField) and not isinstance(field, PlausibleDateTimeField):
            yield f"{label} (a date and time without the plausible range)"
        elif isinstance(field, serializers.DateField) and not isinstance(field, PlausibleDateField):
            yield f"{label} (a date without the plausible range)"
        elif isinstance(field, serializers.CharField) and field.max_length is None:
            yield f"{label} (a text without a maximum length)"


def test_every_text_and_date_the_api_accepts_is_bounded():
    unbounded = sorted({f"{operation}: {problem}" for operation, serializer in _request_serializers()
                        for problem in _unbounded_inputs(serializer)})
    assert unbounded == []


# ---------------------------------------------------------------------------------------------------------
# The pages


def _page_forms():
    for module in (council_forms, oversight_forms, voter_forms):
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, django_forms.BaseForm) and form.__module__ == module.__name__:
                # Signing in is Django's form, with the limits of its own user model.
                if form not in (council_forms.LoginForm, council_forms.AdminLoginForm):
                    yield f"{module.__name__}.{name}", form


def test_every_text_and_date_of_the_page_forms_is_bounded():
    unbounded = []
    for name, form in _page_forms():
        for field_name, field in form.base_fields.items():
            if isinstance(field, django_forms.DateTimeField) and not isinstance(field, ui.PlausibleDateTimeField):
                unbounded.append(f"{name}.{field_name}: a date and time without the plausible range")
            elif isinstance(field, django_forms.DateField) and not isinstance(field, ui.PlausibleDateField):
                unbounded.append(f"{name}.{field_name}: a date without the plausible range")
            elif isinstance(field, django_forms.CharField) and field.max_length is None:
                unbounded.append(f"{name}.{field_name}: a text without a maximum length")
    assert unbounded == []


def test_a_page_refuses_an_implausible_date_with_the_apis_message(client, clerk_a, council_a):
    client.force_login(clerk_a)
    response = client.post(reverse("oversight:training_create"), {
        "council": council_a.pk, "title": "Kỹ năng chất vấn", "start_date": "01/05/0216"})
    assert response.status_code == 400
    earliest, latest = limits.plausible_date_range()
    assert f"Ngày phải trong khoảng từ 01/01/1945 đến {latest:%d/%m/%Y}." in response.content.decode()
    assert not Training.objects.exists()
