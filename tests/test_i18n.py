"""English beside Vietnamese: the committed catalogue is complete and compiled, pages follow the chosen language,
and dates stay dd/mm/yyyy whichever language is chosen."""

import ast
import datetime
import gettext
import re
from html import unescape
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from utilities import ui
from voters.choices import PetitionStatus
from voters.models import Petition

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
VIETNAMESE_HEADING = "Đăng nhập Cổng theo dõi công tác HĐND"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file (msgid, msgid_plural, msgstr or msgstr[n], flags); obsolete ones are skipped.

    A few lines of parsing rather than a dependency: the test must run on a machine without polib or gettext.
    """
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip() or line.startswith("#~"):
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if isinstance(key, int):
                entry["msgstr"][key] += text
            else:
                entry[key] += text
        else:
            keyword, _, quoted = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            key = int(match.group(1)) if match else ("msgstr" if keyword == "msgstr" else keyword)
            if key == "msgstr":
                key = 0
            if isinstance(key, int):
                entry["msgstr"][key] = ast.literal_eval(quoted)
            else:
                entry[key] = ast.literal_eval(quoted)
    return [e for e in entries if e.get("msgid")]


@pytest.fixture(scope="module")
def po_entries():
    return read_po(CATALOGUE / "django.po")


def test_every_msgid_of_the_committed_catalogue_is_translated(po_entries):
    assert len(po_entries) > 500, "the English catalogue looks truncated"
    untranslated = [e["msgid"] for e in po_entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in po_entries if "fuzzy" in e["flags"]]
    assert not untranslated, f"untranslated msgids: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy msgids: {fuzzy[:10]}"
    plurals = [e for e in po_entries if "msgid_plural" in e]
    assert plurals and all(set(e["msgstr"]) == {0, 1} for e in plurals), "English has two plural forms"


def test_placeholders_survive_translation(po_entries):
    wrong = [
        (e["msgid"], text)
        for e in po_entries
        for text in e["msgstr"].values()
        if sorted(PLACEHOLDER.findall(e["msgid"])) != sorted(PLACEHOLDER.findall(text))
    ]
    assert not wrong, wrong[:5]


def test_compiled_catalogue_matches_the_po(po_entries):
    """The .mo is committed for machines without msgfmt; a .po edited without `make messages` fails here."""
    with open(CATALOGUE / "django.mo", "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)

    def singular(e):
        # Entries with a context (pgettext) live under "context\x04msgid" in the .mo.
        return catalogue.pgettext(e["msgctxt"], e["msgid"]) if "msgctxt" in e else catalogue.gettext(e["msgid"])

    stale = [e["msgid"] for e in po_entries if "msgid_plural" not in e and singular(e) != e["msgstr"][0]]
    stale += [
        e["msgid"]
        for e in po_entries
        if "msgid_plural" in e
        and (catalogue.ngettext(e["msgid"], e["msgid_plural"], 1), catalogue.ngettext(e["msgid"], e["msgid_plural"], 2))
        != (e["msgstr"][0], e["msgstr"][1])
    ]
    assert not stale, f"django.mo is older than django.po for: {stale[:5]}"


@pytest.mark.django_db
def test_a_default_request_is_vietnamese(client):
    html = client.get(reverse("login")).content.decode()
    assert 'lang="vi"' in html
    assert VIETNAMESE_HEADING in html
    assert "Sign in" not in html


@pytest.mark.django_db
def test_the_language_switch_turns_the_login_page_into_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = unescape(client.get(reverse("login")).content.decode())
    assert 'lang="en"' in html
    assert "Sign in to the People's Council Work Tracking Portal" in html
    assert "Username" in html and "Password" in html
    assert VIETNAMESE_HEADING not in html and "Mật khẩu" not in html


@pytest.mark.django_db
def test_a_wrong_password_is_refused_in_english(client, clerk_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "wrong-password"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Incorrect username or password" in html
    assert "Tên đăng nhập hoặc mật khẩu không đúng" not in html


def test_model_names_and_choices_follow_the_language():
    with translation.override("en"):
        assert str(Petition._meta.verbose_name) == "petition or letter"
        assert str(Petition._meta.get_field("received_on").verbose_name) == "date received"
        assert str(PetitionStatus.FORWARDED.label) == "Forwarded"
    with translation.override("vi"):
        assert str(Petition._meta.verbose_name) == "kiến nghị, đơn thư"
        assert str(PetitionStatus.FORWARDED.label) == "Đã chuyển"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_stay_day_month_year_in_both_languages(language):
    day = datetime.date(2026, 3, 5)
    moment = timezone.make_aware(datetime.datetime(2026, 3, 5, 14, 30))
    with translation.override(language):
        assert ui.display_value(day) == "05/03/2026"
        assert ui.display_value(moment) == "14:30 05/03/2026"
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }} · {{ d|date }}').render(Context({"d": day}))
        assert rendered == "05/03/2026 · 05/03/2026"
        field = forms.DateField()
        assert field.clean("05/03/2026") == day, "dd/mm/yyyy is read as day first, not month first"


# --- scripts, charts, period and level names -----------------------------------------------------------------

VIETNAMESE_LETTER = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
JS_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
JS_STRING = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`")


def test_the_portal_scripts_hold_no_vietnamese_text():
    """static/js/*.js get every user-facing text from the page (json_script, data- attributes) in its language:
    a Vietnamese literal there would show in English mode."""
    scripts = sorted((Path(settings.BASE_DIR) / "static" / "js").glob("*.js"))
    assert scripts
    found = [
        (script.name, literal)
        for script in scripts
        for literal in JS_STRING.findall(JS_COMMENT.sub("", script.read_text(encoding="utf-8")))
        if VIETNAMESE_LETTER.search(literal)
    ]
    assert not found, found


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("vi", "Không tìm thấy lựa chọn nào."),
                                                      ("en", "No matching choice.")])
def test_the_scripts_texts_follow_the_language(client, clerk_a, language, expected):
    import json

    client.force_login(clerk_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("voters:meeting_create")).content.decode()
    texts = json.loads(unescape(re.search(r'<script id="portal-texts" type="application/json">(.*?)</script>',
                                          html, re.S).group(1)))
    assert texts["noResults"] == expected
    assert all(not VIETNAMESE_LETTER.search(text) for text in texts.values()) == (language == "en")


@pytest.mark.parametrize(("kind", "start", "end", "stored", "english", "vietnamese"), [
    ("year", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), "Năm 2026", "Year 2026", "Năm 2026"),
    ("quarter", datetime.date(2026, 10, 1), datetime.date(2026, 12, 31), "Quý IV/2026", "Quarter IV/2026",
     "Quý IV/2026"),
    ("between_sessions", datetime.date(2026, 7, 5), datetime.date(2026, 12, 9), "Sau kỳ họp thứ 24 (05/07/2026)",
     "After session no. 24 (05/07/2026)", "Sau kỳ họp thứ 24 (05/07/2026)"),
    ("term", datetime.date(2021, 7, 1), datetime.date(2026, 6, 30), "Nhiệm kỳ 2021-2026", None,
     "Nhiệm kỳ 2021-2026"),
])
def test_a_stored_period_is_named_in_the_readers_language(kind, start, end, stored, english, vietnamese):
    from compliance.labels import stored_period_label

    with translation.override("en"):
        shown = stored_period_label(kind, start, end, stored)
        assert not VIETNAMESE_LETTER.search(shown), shown
        assert english is None or shown == english
    with translation.override("vi"):
        assert stored_period_label(kind, start, end, stored) == vietnamese


@pytest.mark.django_db
def test_standard_level_names_follow_the_language():
    from councils.admin_units import ensure_levels

    levels = ensure_levels()
    with translation.override("en"):
        assert [str(levels[code]) for code in ("province", "district", "commune")] == [
            "Province level", "District level", "Commune level"]
    with translation.override("vi"):
        assert str(levels["commune"]) == "Cấp xã"
