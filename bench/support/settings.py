"""The application's settings, plus the bench's URLs (the bare views)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.support.urls"
