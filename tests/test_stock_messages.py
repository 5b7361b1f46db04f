"""Django's and DRF's stock messages reach users in Vietnamese: the project's catalogue (locale/vi) translates the
validator, field and API error messages that Django's Vietnamese leaves out or words awkwardly and DRF's leaves
almost all out. English stays English."""

import gettext
import inspect

import pytest
from django import forms
from django.conf import settings
from django.utils import translation
from rest_framework import exceptions, fields, pagination, relations, serializers, validators

from tests.test_i18n import read_po

VI = settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES"


def _msgid(message):
    """The msgid of a lazy translation (DRF's default_error_messages hold gettext_lazy proxies)."""
    return message._args[0]


def stock_messages():
    """Every default error message of DRF's fields, relations and serializers, and of its API exceptions."""
    classes = [c for module in (fields, relations, serializers) for _n, c in inspect.getmembers(module, inspect.isclass)
               if issubclass(c, fields.Field)]
    found = {_msgid(m) for c in classes for m in getattr(c, "default_error_messages", {}).values()}
    found |= {_msgid(c.default_detail) for _n, c in inspect.getmembers(exceptions, inspect.isclass)
              if issubclass(c, exceptions.APIException) and hasattr(c.default_detail, "_args")}
    # The validators' messages (unique, unique together, for date) and the paginators' refusals.
    found |= {_msgid(getattr(c, attribute)) for module in (validators, pagination)
              for _n, c in inspect.getmembers(module, inspect.isclass)
              for attribute in ("message", "missing_message", "invalid_page_message", "invalid_cursor_message")
              if hasattr(getattr(c, attribute, None), "_args")}
    return sorted(found)


# Django's messages that reach a user of the portal and that Django's Vietnamese leaves in English: a constraint
# without its own message, a page number out of range, the API's sort order names.
DJANGO_STOCK = ["Constraint “%(name)s” is violated.", "That page number is not an integer",
                "That page number is less than 1", "That page contains no results", "ascending", "descending"]


@pytest.mark.parametrize("msgid", DJANGO_STOCK)
def test_django_stock_messages_left_in_english_are_vietnamese(msgid):
    with translation.override("vi"):
        assert translation.gettext(msgid) != msgid, f"no Vietnamese for {msgid!r}"
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid


def test_a_page_out_of_range_is_refused_in_vietnamese():
    from django.core.paginator import EmptyPage, Paginator

    with translation.override("vi"), pytest.raises(EmptyPage, match="Trang này không có kết quả nào"):
        Paginator([1, 2], 1).page(5)


@pytest.mark.parametrize("msgid", stock_messages())
def test_every_stock_drf_message_is_vietnamese(msgid):
    with translation.override("vi"):
        assert translation.gettext(msgid) != msgid, f"no Vietnamese for {msgid!r}"


def refusal(language, check, value):
    """The messages ``check(value)`` raises, rendered in ``language`` (lazy texts render when read)."""
    with translation.override(language):
        try:
            check(value)
        except (forms.ValidationError, serializers.ValidationError) as refused:
            detail = getattr(refused, "detail", None)
            return [str(m) for m in detail] if detail is not None else list(refused.messages)
    raise AssertionError(f"{value!r} was accepted")


def test_a_null_character_is_refused_in_vietnamese_and_english():
    check = serializers.CharField().run_validation
    assert refusal("vi", check, "nội dung\x00") == ["Không được chứa ký tự rỗng (NUL)."]
    assert refusal("en", check, "text\x00") == ["Null characters are not allowed."]


def test_django_validators_read_as_plain_vietnamese():
    # Django's own Vietnamese says "Đảm bảo giá trị này lớn hơn hoặc bằng với 0 ." (a space before the dot).
    assert refusal("vi", forms.IntegerField(min_value=0).clean, "-1") == ["Giá trị phải lớn hơn hoặc bằng 0."]
    assert refusal("vi", forms.CharField(max_length=3).clean, "quá dài") == ["Không được quá 3 ký tự (đang có 7)."]
    assert refusal("en", forms.CharField(max_length=3).clean, "too long") == [
        "Ensure this value has at most 3 characters (it has 8)."]


def test_the_vietnamese_catalogue_is_compiled():
    with open(VI / "django.mo", "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    entries = read_po(VI / "django.po")
    assert len(entries) > 120
    stale = [e["msgid"] for e in entries if "msgid_plural" not in e and catalogue.gettext(e["msgid"]) != e["msgstr"][0]]
    assert not stale, f"locale/vi/LC_MESSAGES/django.mo is older than its .po for: {stale[:5]}"


def all_filtersets():
    from compliance import filtersets as _c  # noqa: F401  (each app's FilterSets, for the subclass walk)
    from councils.filtersets import BaseFilterSet
    from oversight import filtersets as _o  # noqa: F401
    from voters import filtersets as _v  # noqa: F401

    pending, found = [BaseFilterSet], []
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub._meta.model is not None:
                found.append(sub)
    return found


@pytest.mark.parametrize("filterset", all_filtersets(), ids=lambda f: f.__name__)
def test_list_filters_read_like_the_rest_of_the_page(filterset):
    """Labels start with a capital letter, in Vietnamese (no "contains" of django-filter's), and a yes/no filter
    starts from "Tất cả" rather than "Chưa xác định"."""
    with translation.override("vi"):
        form = filterset(data={}, queryset=filterset._meta.model.objects.none()).form
        for name, field in form.fields.items():
            label = str(field.label)
            assert label[:1] == label[:1].upper(), f"{filterset.__name__}.{name}: {label!r}"
            assert not any(word in label for word in ("contains", "greater", "less than", "is in")), label
            if isinstance(field.widget, forms.NullBooleanSelect):
                assert [str(text) for _v, text in field.widget.choices] == ["Tất cả", "Có", "Không"], name
