"""Settings: production refuses to start without its secrets, passes `check --deploy` and sends the security
headers and secure cookies; the deployment files (docker-compose.yml, .env.example) agree with each other."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = "hdnd_portal.settings.production"


def run(args: list[str], **env_vars) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "CACHE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE=PRODUCTION, **env_vars)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def good_env(tmp_path) -> dict[str, str]:
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "hdnd.example.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }


SETUP = ["-c", "import django; django.setup()"]


def test_production_without_secret_key_refuses_to_start(tmp_path):
    env = good_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = run(SETUP, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_weak_secret_missing_hosts_and_the_sqlite_default(tmp_path):
    assert "DJANGO_SECRET_KEY must be set" in run(SETUP, **{**good_env(tmp_path),
                                                           "DJANGO_SECRET_KEY": "short"}).stderr
    no_hosts = good_env(tmp_path)
    del no_hosts["DJANGO_ALLOWED_HOSTS"]
    assert "DJANGO_ALLOWED_HOSTS" in run(SETUP, **no_hosts).stderr
    no_db = good_env(tmp_path)
    del no_db["DATABASE_URL"]
    assert "DATABASE_URL must point at the PostgreSQL database" in run(SETUP, **no_db).stderr


def test_production_passes_the_security_deploy_checks(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--tag", "security", "--fail-level", "WARNING"],
                 **good_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_passes_every_deploy_check(tmp_path):
    # Includes drf-spectacular's schema check: a warning in the API schema fails a deployment too.
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **good_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_seed_demo_refuses_production_settings(tmp_path):
    result = run(["manage.py", "seed_demo"], **good_env(tmp_path))
    assert result.returncode != 0
    assert "Không được nạp dữ liệu mẫu khi đang chạy cấu hình production." in result.stderr
    assert not (tmp_path / "deploy.sqlite3").exists() or "vanphong" not in result.stdout


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert dict(settings.LANGUAGES).keys() == {"vi", "en"}
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_every_service_with_healthchecks(compose):
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= services.keys()
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    for name in ("postgres", "redis", "web"):
        assert "healthcheck" in services[name], name
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    for name in ("web", "worker", "beat"):
        service = services[name]
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
        assert ".env" in service["env_file"]
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == PRODUCTION
    assert "gunicorn hdnd_portal.wsgi" in " ".join(services["web"]["command"])
    assert "worker" in services["worker"]["command"] and "beat" in services["beat"]["command"]
    assert {"postgres-data"} <= set(compose["volumes"])


def test_env_example_documents_every_variable_the_portal_reads():
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    source = "\n".join(p.read_text() for p in (ROOT / "hdnd_portal" / "settings").glob("*.py"))
    read = set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]+)\"", source))
    compose_vars = set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", (ROOT / "docker-compose.yml").read_text()))
    missing = (read | compose_vars) - documented
    assert not missing, f".env.example does not document {sorted(missing)}"
    for needed in ("DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS",
                   "DJANGO_CSRF_TRUSTED_ORIGINS", "DJANGO_EMAIL_HOST"):
        assert needed in documented


# Under production settings (in a fresh process, since they are read at start-up): sign in through the form
# over HTTPS and report what the browser would receive.
HEADERS_SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.conf import settings
from django.test import Client, override_settings
from django.test.utils import setup_test_environment

setup_test_environment()
# The manifest of collected static files is not the point here (and there is none before collectstatic).
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
call_command("migrate", verbosity=0)
get_user_model().objects.create_user("vanthu", password="mat-khau-dai-2026")
client = Client(HTTP_HOST="hdnd.example.vn")
plain = client.get("/dang-nhap/")
page = client.get("/dang-nhap/", secure=True)
signed_in = client.post("/dang-nhap/", {"username": "vanthu", "password": "mat-khau-dai-2026"}, secure=True)
cookies = {name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]), "samesite": c["samesite"]}
           for name, c in {**page.cookies, **signed_in.cookies}.items()}
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "signed_in": signed_in.status_code,
    "headers": {name: page.get(name) for name in ("Content-Security-Policy", "Strict-Transport-Security",
                "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options", "Cross-Origin-Opener-Policy")},
    "cookies": cookies,
}))
"""


def test_production_responses_carry_the_security_headers_and_secure_cookies(tmp_path):
    import json

    result = run(["-c", HEADERS_SCRIPT], **good_env(tmp_path))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["plain"] == [301, "https://hdnd.example.vn/dang-nhap/"]
    assert report["signed_in"] == 302
    headers = report["headers"]
    csp = {name: values for name, *values in (part.split() for part in headers["Content-Security-Policy"].split(";"))}
    assert csp["script-src"] == ["'self'"] and "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert headers["Strict-Transport-Security"] == "max-age=2592000; includeSubDomains; preload"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    session, csrf = report["cookies"]["sessionid"], report["cookies"]["csrftoken"]
    assert session == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert csrf["secure"] is True and csrf["samesite"] == "Lax"


def test_production_keeps_database_connections_and_checks_them(tmp_path):
    code = ("from django.conf import settings; d = settings.DATABASES['default']; "
            "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])")
    result = run(["-c", f"import django; django.setup(); {code}"], **good_env(tmp_path))
    assert result.stdout.split() == ["60", "True"], result.stderr
    result = run(["-c", f"import django; django.setup(); {code}"], DJANGO_CONN_MAX_AGE="0", **good_env(tmp_path))
    assert result.stdout.split() == ["0", "True"], result.stderr


@pytest.mark.django_db
def test_postgresql_gives_one_query_no_parallel_workers_and_ssd_page_costs_unless_told():
    """Many users on a few cores: a request's query does not take the other cores (HDND_PG_PARALLEL_WORKERS);
    random reads cost what they do on an SSD (HDND_PG_RANDOM_PAGE_COST), so indexes are chosen where they serve."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting (set DATABASE_URL to a PostgreSQL database)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
    code = ("from django.db import connection; c = connection.cursor(); "
            "c.execute('SHOW max_parallel_workers_per_gather'); print(c.fetchone()[0]); "
            "c.execute('SHOW random_page_cost'); print(c.fetchone()[0])")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    env.update(DJANGO_SETTINGS_MODULE="hdnd_portal.settings.test", HDND_PG_PARALLEL_WORKERS="2", DATABASE_URL=url,
               HDND_PG_RANDOM_PAGE_COST="4")
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["2", "4"], result.stderr
