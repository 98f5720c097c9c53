"""Django set-up for a benchmark: the scale dataset's database unless DATABASE_URL is set."""

import os
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def database_url(scale: int) -> str:
    """BENCH_DATABASE_URL_1X / _10X, else DATABASE_URL (one database, rebuilt when the scale
    changes), else a SQLite file
    per scale kept in the temporary folder so the throughput and load runs reuse it."""
    return (
        os.environ.get(f"BENCH_DATABASE_URL_{scale}X")
        or os.environ.get("DATABASE_URL")
        or (f"sqlite:///{Path(tempfile.gettempdir()) / f'ptce-bench-{scale}x.sqlite3'}")
    )


def setup(scale: int) -> str:
    """Configure and start Django on the dataset of `scale`; returns the database URL."""
    sys.path.insert(0, str(ROOT))
    url = database_url(scale)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    os.environ.setdefault("PTCE_SIMPLE_STATIC", "1")
    # The static files are not collected for a benchmark: WhiteNoise says so, harmlessly.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    # As each web process does once loaded (config/wsgi.py): the in-process figures are the
    # server's.
    from config.runtime import freeze_loaded_objects

    freeze_loaded_objects()
    return url
