"""Bulk rows of every model and the list endpoints of API v1, for the query-count test and the benchmark.

Endpoints come from the OpenAPI schema (a GET without path parameters whose answer is a page of
``results``); rows from every app's factory_boy factories plus builders for the few models without a
factory. New endpoints and factories are picked up without editing callers.
"""

import datetime
import importlib
import inspect
import itertools

import factory
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator

from compliance.choices import ResultStatus, SubjectType
from compliance.models import EvaluationRun, Result
from compliance.tests.builders import rule
from councils.models import AuditEntry, DayOff, ImportJob, SessionAgendaItem, SessionDocument
from councils.tests.factories import CouncilFactory, LevelFactory, SessionFactory, TermFactory, UserFactory
from oversight.models import ActivityDocument
from oversight.tests.factories import ActivityFactory
from voters.choices import Channel, PetitionKind
from voters.tests.factories import PetitionFactory

PROJECT_APPS = ["councils", "oversight", "voters", "compliance"]


def list_endpoints() -> list[str]:
    """Paths of the paginated GET lists under /api/v1/, from the same schema clients get."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    paths = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if not path.startswith("/api/v1/") or "{" in path or get is None:
            continue
        content = get["responses"].get("200", {}).get("content", {}).get("application/json", {})
        ref = content.get("schema", {}).get("$ref", "")
        if "results" in components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}):
            paths.append(path)
    return sorted(paths)


def all_factories() -> list[type[factory.django.DjangoModelFactory]]:
    """Every DjangoModelFactory defined in an app's ``tests/factories.py``."""
    found = []
    for app in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.factories")
        except ModuleNotFoundError:
            continue
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if (issubclass(obj, factory.django.DjangoModelFactory) and obj.__module__ == module.__name__
                    and obj._meta.model is not None and not obj._meta.abstract):
                found.append(obj)
    return found


def build_extras(count: int, in_council=None) -> None:
    """Rows of models that have no factory of their own (catalogues, history, files, compliance output),
    in ``in_council``, or each batch in a council of its own."""
    for _ in range(count):
        n = next(_serial)
        council = in_council or CouncilFactory()
        LevelFactory(code=f"level-{n}", rank=10 + n % 100)
        TermFactory(name=f"T{n}", start_date=datetime.date(2000 + n % 50, 1, 1),
                    end_date=datetime.date(2004 + n % 50, 12, 31))
        ImportJob.objects.create(council=council, kind="agencies", filename=f"co-quan-{n}.xlsx", rows=1)
        DayOff.objects.create(council=council, date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
                              reason="Nghỉ bù")
        AuditEntry.objects.create(content_type=ContentType.objects.get_for_model(DayOff), object_id=n,
                                  council=council, action="create", actor=UserFactory())
        session = SessionFactory(council=council)
        SessionAgendaItem.objects.create(session=session, title=f"Nội dung {n}")
        SessionDocument.objects.create(session=session, title=f"Tờ trình {n}")
        ActivityDocument.objects.create(activity=ActivityFactory(council=council), title=f"Báo cáo {n}",
                                        file=ContentFile(b"%PDF-1.4", name=f"bao-cao-{n}.pdf"),
                                        uploaded_by=UserFactory())
        PetitionFactory(council=council, kind=PetitionKind.COMPLAINT, channel=Channel.MAIL)
        run = EvaluationRun.objects.create(as_of=datetime.date(2026, 11, 1), council=council)
        Result.objects.create(
            run=run, rule=rule(f"R-{n}"), council=council, subject_type=SubjectType.COUNCIL, subject_id=council.pk,
            subject_name=council.name, as_of=run.as_of, period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31), period_label="Năm 2026", target=2, status=ResultStatus.MET,
        )


_serial = itertools.count(1)


def grow(factories, count: int) -> list[str]:
    """Create ``count`` rows with each factory and of the models without one; return what could not build."""
    broken = []
    for build in [*factories, build_extras]:
        try:
            with transaction.atomic():
                build.create_batch(count) if hasattr(build, "create_batch") else build(count)
        except Exception as exc:  # noqa: BLE001 - a builder that breaks is reported, not fatal
            broken.append(f"{getattr(build, '__qualname__', build)}: {exc!r}"[:300])
    return broken
