"""The architecture holds (docs/architecture.md): the import contracts of .importlinter are kept, no module
imports inside a function to dodge them, no source file grows past what a newcomer can read, and every
write's history reaches the listeners once, after commit."""

import ast
from pathlib import Path

import pytest
from django.db import transaction
from importlinter.application.use_cases import lint_imports
from importlinter.configuration import configure

from councils import audit
from councils.tests.factories import CouncilFactory

ROOT = Path(__file__).resolve().parents[1]
APPS = ("hdnd_portal", "portal", "demo", "notifications", "documents", "public", "compliance", "oversight", "voters", "councils", "utilities")
MAX_LINES = 400


def source_modules():
    """Every project module a layer holds: tests and migrations are outside the layers."""
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            yield path


def test_the_import_contracts_are_kept(capsys):
    configure()
    kept = lint_imports(config_filename=str(ROOT / ".importlinter"), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out


def test_the_contracts_cover_every_app():
    """A new top-level app must be placed in a layer, or the contracts say nothing about it."""
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}
    assert packages == set(APPS)


def _function_level_imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        # Django's documented place to load receivers is AppConfig.ready, once the models are loaded.
        if node.name == "ready" and path.name == "apps.py":
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import | ast.ImportFrom):
                yield f"{path.relative_to(ROOT)}:{inner.lineno} (in {node.name})"


def test_no_import_inside_a_function():
    found = [place for path in source_modules() for place in _function_level_imports(path)]
    assert found == [], "import at module level instead: " + ", ".join(found)


def test_no_source_file_a_newcomer_must_scroll_through():
    long = {str(path.relative_to(ROOT)): n for path in source_modules()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these along their sections into packages (over {MAX_LINES} lines)"


@pytest.fixture
def announced():
    """Council ids the history announced, batch by batch, to a listener registered for the test."""
    batches = []

    def listener(council_ids):
        batches.append(set(council_ids))

    audit.on_council_changed(listener)
    yield batches
    audit._listeners.remove(listener)


@pytest.mark.django_db
class TestHistoryAnnouncesChanges:
    def test_once_per_council_after_commit(self, announced, django_capture_on_commit_callbacks):
        a, b = CouncilFactory(), CouncilFactory()
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                for council in (a, b, a, a):
                    audit.record_audit(target=council, action="update")
                assert announced == [], "nothing is announced before the commit"
        assert announced == [{a.pk, b.pk}]

    def test_a_rolled_back_write_is_not_announced(self, announced, django_capture_on_commit_callbacks):
        a, b = CouncilFactory(), CouncilFactory()
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        audit.record_audit(target=a, action="update")
                        raise RuntimeError("the write fails")
                except RuntimeError:
                    pass
                audit.record_audit(target=b, action="update")
        assert announced == [{b.pk}]

    def test_a_request_is_not_a_change(self, announced, django_capture_on_commit_callbacks):
        council = CouncilFactory()
        with django_capture_on_commit_callbacks(execute=True):
            audit.record_audit(target=council, action="compliance_run_requested", data_changed=False)
        assert announced == []


@pytest.mark.django_db
def test_the_lines_of_a_commit_reach_the_entry_listeners_once_in_order(django_capture_on_commit_callbacks):
    """Apps that react to events (notifications) read the committed lines; a rolled-back line never arrives."""
    batches = []
    audit.on_entries_committed(batches.append)
    try:
        a, b = CouncilFactory(), CouncilFactory()
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                first = audit.record_audit(target=a, action="update")
                try:
                    with transaction.atomic():
                        audit.record_audit(target=b, action="update")
                        raise RuntimeError("the write fails")
                except RuntimeError:
                    pass
                second = audit.record_audit(target=b, action="update", data_changed=False)
                assert batches == []
        assert batches == [[first.pk, second.pk]]
    finally:
        audit._entry_listeners.remove(batches.append)
