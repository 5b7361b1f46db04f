"""One meaning per filter parameter: every FilterSet derives from the project's base, and wherever rows belong
to a council, ``council=<province>`` is that province alone while ``subtree_of=<province>`` adds its communes.

FilterSets are found by walking the subclasses of django-filter's FilterSet in the apps and the
``filterset_class`` of every view in the URLconf; rows come from the apps' factories and ``bulk.build_extras``;
endpoints from the OpenAPI schema. A new FilterSet or endpoint is covered, or fails, without editing this file.
"""

import importlib

import django_filters
import pytest
from django.urls import URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

from councils.filtersets import BaseFilterSet, CouncilScopedFilterSet
from councils.tests.factories import UserFactory

from .bulk import PROJECT_APPS, all_factories, build_extras, list_endpoints

pytestmark = pytest.mark.django_db


def project_filtersets() -> list[type[django_filters.FilterSet]]:
    """Every FilterSet with a model defined in an app's code (not in its tests)."""
    for app in PROJECT_APPS:
        importlib.import_module(f"{app}.filtersets")
    found, todo = set(), [django_filters.FilterSet]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            parts = subclass.__module__.split(".")
            if parts[0] in PROJECT_APPS and "tests" not in parts and subclass._meta.model is not None:
                found.add(subclass)
    return sorted(found, key=lambda filterset: f"{filterset.__module__}.{filterset.__qualname__}")


def view_filtersets(patterns=None) -> set[type]:
    """The ``filterset_class`` of every page and API view in the URLconf (DRF actions included)."""
    found = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found |= view_filtersets(pattern.url_patterns)
            continue
        callback = pattern.callback
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        for filterset in (getattr(view, "filterset_class", None),
                          getattr(callback, "initkwargs", {}).get("filterset_class")):
            if filterset is not None:
                found.add(filterset)
    return found


def council_scoped() -> list[type[CouncilScopedFilterSet]]:
    return [filterset for filterset in project_filtersets() if issubclass(filterset, CouncilScopedFilterSet)]


def council_of(obj, filterset):
    """The council of a row, walking the FilterSet's lookup attribute by attribute."""
    for part in filterset.council_path().split("__")[:-1]:
        obj = getattr(obj, part)
    return obj


@pytest.fixture
def rows_in_every_council(council_a, council_a1, council_b):
    """Rows of every council-linked model in province A, in commune A1 below it, and in province B."""
    factories = {factory._meta.model: factory for factory in all_factories()}
    lookups = {(filterset._meta.model, filterset.council_path().removesuffix("__")) for filterset in council_scoped()}
    # Deeper lookups first: their factories build the parent rows too (a commitment's question and activity),
    # and a model that has a row in the council already gets no other (a second standing board is refused).
    lookups = sorted(lookups, key=lambda pair: (-pair[1].count("__"), pair[0]._meta.label))
    for council in (council_a, council_a1, council_b):
        build_extras(1, in_council=council)
        for model, lookup in lookups:
            # The councils themselves are the rows of the council list.
            if lookup and model in factories and not model.objects.filter(**{lookup: council}).exists():
                factories[model](**{lookup: council})


def test_discovery_finds_the_filtersets_of_every_app():
    filtersets = project_filtersets()
    assert {filterset.__module__.split(".")[0] for filterset in filtersets} == set(PROJECT_APPS)
    missed = view_filtersets() - set(filtersets)
    assert not missed, f"views use FilterSets the walk did not find: {missed}"


def test_every_filterset_derives_from_the_project_base():
    strays = [filterset.__qualname__ for filterset in project_filtersets() if not issubclass(filterset, BaseFilterSet)]
    assert not strays, f"FilterSets not derived from councils.filtersets.BaseFilterSet: {strays}"


def test_council_linked_filtersets_take_council_and_subtree_of_from_the_base():
    base = CouncilScopedFilterSet.base_filters
    wrong = []
    for filterset in project_filtersets():
        linked = hasattr(filterset._meta.model, "council_scope") or {"council", "subtree_of"} & set(
            filterset.base_filters)
        if not linked:
            continue
        if not issubclass(filterset, CouncilScopedFilterSet):
            wrong.append(f"{filterset.__qualname__} does not derive from CouncilScopedFilterSet")
            continue
        for name in ("council", "subtree_of"):
            if filterset.base_filters[name] is not base[name]:
                wrong.append(f"{filterset.__qualname__} redefines {name}")
    assert not wrong, wrong


def test_council_is_that_council_and_subtree_of_adds_the_councils_below(
        rf, rows_in_every_council, clerk_a, council_a, council_a1):
    request = rf.get("/")
    request.user = clerk_a
    expected = {"council": {council_a}, "subtree_of": {council_a, council_a1}}
    wrong = {}
    for filterset_class in council_scoped():
        seen = {}
        for name in expected:
            filterset = filterset_class({name: str(council_a.pk)}, request=request,
                                        queryset=filterset_class._meta.model.objects.all())
            assert filterset.is_valid(), (filterset_class.__qualname__, filterset.errors)
            seen[name] = {council_of(row, filterset_class) for row in filterset.qs}
        if seen != expected:
            wrong[filterset_class.__qualname__] = {name: sorted(c.name for c in found) for name, found in seen.items()}
    assert len(council_scoped()) >= 25
    assert not wrong, f"expected {expected}, got: {wrong}"


def test_every_list_endpoint_with_council_has_subtree_of_and_the_same_meaning(
        api_as, rows_in_every_council, council_a, council_a1):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    client = api_as(UserFactory(username="root", is_superuser=True, is_staff=True))

    def count(path, **query):
        response = client.get(path, {**query, "page_size": 1})
        assert response.status_code == 200, (path, query, response.content[:300])
        return response.json()["count"]

    checked, wrong = [], {}
    for path in list_endpoints():
        names = {parameter["name"] for parameter in schema["paths"][path]["get"].get("parameters", [])}
        if not {"council", "subtree_of"} & names:
            continue
        if not {"council", "subtree_of"} <= names:
            wrong[path] = f"has only {sorted({'council', 'subtree_of'} & names)}"
            continue
        own, below, tree = count(path, council=council_a.pk), count(path, council=council_a1.pk), count(
            path, subtree_of=council_a.pk)
        checked.append(path)
        if not (own and below and tree == own + below):
            wrong[path] = f"council=A: {own}, council=A1: {below}, subtree_of=A: {tree}"
    assert any(path.startswith("/api/v1/oversight/") for path in checked)
    assert not wrong, wrong
