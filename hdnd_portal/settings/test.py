"""Test settings: fast hashing, in-memory mail; the database and broker come from the environment."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-key-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests poke the API often; throttling has its own tests that lower these rates.
REST_FRAMEWORK = {**REST_FRAMEWORK}  # noqa: F405
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/minute", "login": "10000/minute",
                                             "lookup": "10000/minute"}
LANGUAGE_CODE = "vi"
# Tests that need a real worker use CELERY_BROKER_URL from the environment; the rest run eagerly. The
# worker those tests start turns eagerness off, so that what it queues itself (a retry) goes to the broker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
TEST_CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# A worker that a test kills leaves its task unacknowledged; the tests' workers look for such tasks every
# second (kombu's default is every 100 s), so a redelivery shows within a test's bound.
CELERY_BROKER_TRANSPORT_OPTIONS = {**CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
                                   "unacked_restore_interval": 1, "unacked_restore_throttle": 1}
