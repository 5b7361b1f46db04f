"""Celery queues: every task goes to the queue named for it in CELERY_TASK_ROUTES (or, on purpose, to
"default"), and whatever runs the portal has workers for every queue: docker-compose.yml one per queue,
`make serve` (and so CI's `make run`) one for all of them."""

import re
from pathlib import Path

import pytest
import yaml
from celery.signals import before_task_publish
from django.conf import settings

from hdnd_portal.celery import app

ROOT = Path(__file__).resolve().parent.parent

# Every task of the portal and its queue. A new task fails test_every_task_has_a_decided_queue until it is
# added here: routed in hdnd_portal/settings/base.py, or listed as default on purpose.
EXPECTED = {
    "compliance.tasks.evaluate_all": "compliance",
    "compliance.tasks.evaluate_council": "compliance",
    # The full run split by province: the dispatcher, its parts, the chord's last step and its error callback.
    "compliance.tasks.evaluate_all_by_province": "compliance",
    "compliance.tasks.evaluate_part": "compliance",
    "compliance.tasks.finish_split_run": "compliance",
    "compliance.tasks.fail_split_run": "compliance",
    "compliance.tasks.flush_pending_councils": "compliance",
    "compliance.tasks.fail_abandoned_runs": "compliance",
    "notifications.tasks.send_emails": "notifications",
    "notifications.tasks.send_digests": "notifications",
    "notifications.tasks.run_escalations": "notifications",
    "documents.tasks.build_document_job": "exports",
    "councils.tasks.run_import_job": "exports",
    # Intentionally default: a day off moves a handful of deadlines, in seconds.
    "councils.tasks.move_deadlines": "default",
}
QUEUES = set(settings.HDND_CELERY_QUEUES)


def portal_tasks() -> set[str]:
    app.loader.import_default_modules()  # what a worker does: every app's tasks module is registered
    # Celery's own tasks (celery.*) and the tasks the test suite defines for itself (tests.*) are not the portal's.
    return {name for name in app.tasks if not name.startswith(("celery.", "tests."))}


def test_every_task_has_a_decided_queue():
    assert portal_tasks() == EXPECTED.keys()
    assert set(EXPECTED.values()) == QUEUES
    assert app.conf.task_default_queue == "default" and "default" in QUEUES


@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")  # send_task always publishes
@pytest.mark.parametrize(("name", "queue"), sorted(EXPECTED.items()))
def test_a_sent_task_is_published_to_its_queue(name, queue):
    """Through the real publishing path (routes, then the broker), on an in-memory broker."""
    published = []

    def record(sender=None, routing_key=None, exchange=None, **kwargs):
        published.append((sender, routing_key))

    before_task_publish.connect(record, weak=False)
    try:
        with app.connection_for_write("memory://") as connection:
            app.send_task(name, args=[1], connection=connection)
    finally:
        before_task_publish.disconnect(record)
    assert published == [(name, queue)]
    assert app.amqp.router.route({}, name)["queue"].name == queue


def test_a_task_not_routed_goes_to_default():
    assert app.amqp.router.route({}, "councils.tasks.some_future_task")["queue"].name == "default"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _argument(command: list[str], flag: str) -> str | None:
    return command[command.index(flag) + 1] if flag in command else None


def test_compose_runs_one_worker_per_queue_and_one_beat(compose):
    services = compose["services"]
    workers = {name: s for name, s in services.items() if "worker" in s.get("command", [])}
    consumed = [_argument(s["command"], "-Q") for s in workers.values()]
    assert None not in consumed, "a worker without -Q consumes only the default queue"
    assert sorted(q for queues in consumed for q in queues.split(",")) == sorted(QUEUES)
    assert len(workers) == len(QUEUES)
    assert [name for name, s in services.items() if "beat" in s.get("command", [])] == ["beat"]


def test_compose_puts_nginx_in_front_of_web_replicas_after_a_one_shot_migrate(compose):
    services = compose["services"]
    web, nginx, migrate = services["web"], services["nginx"], services["migrate"]
    assert web["deploy"]["replicas"] >= 2
    assert [name for name, s in services.items() if "ports" in s] == ["nginx"]
    assert re.fullmatch(r"\$\{PORTAL_PORT:-8000\}:80", nginx["ports"][0])
    assert "migrate" not in " ".join(web["command"])
    assert "migrate --noinput" in " ".join(migrate["command"]) and "collectstatic" in " ".join(migrate["command"])
    assert migrate["restart"] == "no" and "migrate" not in migrate["depends_on"]
    for name, service in services.items():
        if service.get("image") == "hdnd-portal:latest" and name != "migrate":
            assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name
    assert nginx["depends_on"]["web"]["condition"] == "service_healthy"
    # The static files that `migrate` collects are the ones nginx serves.
    assert "static:/app/staticfiles" in migrate["volumes"]
    assert "static:/srv/static:ro" in nginx["volumes"] and "static" in compose["volumes"]
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in nginx["volumes"]


def test_nginx_serves_static_and_proxies_the_rest_to_every_replica():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert re.search(r"server web:8000 resolve", conf)
    assert re.search(r"location /static/ \{\s*alias /srv/static/;", conf)
    assert "location /media/" not in conf  # uploads go through the portal's permission checks
    assert "proxy_pass http://portal;" in conf
    assert "X-Forwarded-Proto $forwarded_proto" in conf and "X-Forwarded-For $proxy_add_x_forwarded_for" in conf
    assert int(re.search(r"client_max_body_size (\d+)m;", conf)[1]) * 1024 * 1024 > settings.UPLOAD_MAX_BYTES


def test_make_serve_starts_a_worker_on_every_queue():
    makefile = (ROOT / "Makefile").read_text()
    queues = re.search(r"^CELERY_QUEUES := (\S+)$", makefile, re.MULTILINE)[1]
    assert set(queues.split(",")) == QUEUES
    recipe = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    worker = next(line for line in recipe.splitlines() if "celery -A hdnd_portal worker" in line)
    assert "-Q $(CELERY_QUEUES)" in worker
