"""Development settings: `make run` on the embedded SQLite default, no server to install."""

from .base import *  # noqa: F403
from .base import env

# DEBUG stays off under `make run`, so people trying the portal see its own error pages (in their language), not
# Django's technical pages listing URL patterns; `DJANGO_DEBUG=1 make run` turns it on for development. WhiteNoise
# then serves the static files straight from their folders (no collectstatic step) and picks up edits.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-hdnd-portal-change-me")

# With no broker configured, Celery uses a folder on disk as its queue: `make run` starts a real worker
# with the beat scheduler beside the web server, and nothing needs installing (no Redis, no RabbitMQ).
if not env.str("CELERY_BROKER_URL", default=""):
    _queue = BASE_DIR / "var" / "celery"  # noqa: F405
    for _sub in ("queue", "processed", "control"):
        (_queue / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "queue"),
        "data_folder_out": str(_queue / "queue"),
        "processed_folder": str(_queue / "processed"),
        "control_folder": str(_queue / "control"),
        "store_processed": False,
    }
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
