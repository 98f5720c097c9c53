import subprocess
import sys

import pytest
from django.conf import settings


def run_settings(env: dict, code: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 — our own interpreter and code
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_it_refuses_the_development_key_when_debug_is_off():
    result = run_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY doit être défini" in result.stderr


def test_it_starts_with_a_real_key_when_debug_is_off():
    assert run_settings({"DEBUG": "0", "SECRET_KEY": "x" * 50}).returncode == 0


def test_it_starts_with_the_development_key_in_debug():
    assert run_settings({"DEBUG": "1"}).returncode == 0


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "a-long-production-secret-key-with-enough-entropy-0123456789abcdef",
            "ALLOWED_HOSTS": "ptce.example.org",
            "SECURE_SSL_REDIRECT": "1",
            "SECURE_HSTS_SECONDS": "31536000",
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, result.stderr


LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _cache_errors():
    from django.core.checks import run_checks

    return [
        message.id
        for message in run_checks(include_deployment_checks=True, tags=["caches"])
        if message.id.startswith("ptce.")
    ]


def test_the_deployment_checks_refuse_a_per_process_cache_when_debug_is_off(settings):
    settings.DEBUG = False
    settings.CACHES = LOCMEM

    assert _cache_errors() == ["ptce.E001"]


def test_the_deployment_checks_accept_a_per_process_cache_in_debug(settings):
    settings.DEBUG = True
    settings.CACHES = LOCMEM

    assert _cache_errors() == []


@pytest.mark.parametrize(
    "backend",
    ["django.core.cache.backends.redis.RedisCache", "django.core.cache.backends.db.DatabaseCache"],
)
def test_the_deployment_checks_accept_a_shared_cache(settings, backend):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "ptce_cache"}}

    assert _cache_errors() == []


def test_without_redis_production_uses_the_database_cache():
    result = run_settings(
        {"SECRET_KEY": "x" * 50},
        code="from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
    )
    assert result.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", result.stderr


def test_a_postgresql_pool_replaces_persistent_connections():
    result = run_settings(
        {
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://ptce@db.example/ptce",
            "CONN_MAX_AGE": "60",
            "DATABASE_POOL_MAX_SIZE": "8",
        },
        code="from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['OPTIONS']['pool']['max_size'])",
    )
    assert result.stdout.split() == ["0", "8"], result.stderr


def test_postgresql_connections_persist_when_asked_without_a_pool():
    result = run_settings(
        {
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://ptce@db.example/ptce",
            "CONN_MAX_AGE": "60",
        },
        code="from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], 'pool' in d.get('OPTIONS', {}))",
    )
    assert result.stdout.split() == ["60", "True", "False"], result.stderr


def huey_of(env: dict) -> str:
    """The job queue the settings build: its class, immediate mode and SQLite file."""
    result = run_settings(
        env,
        "from huey.contrib.djhuey import HUEY\n"
        "print(type(HUEY).__name__, HUEY.immediate, getattr(HUEY.storage, 'filename', '-'))",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_jobs_queue_in_a_sqlite_file_next_to_the_database_without_redis(tmp_path):
    env = {"SECRET_KEY": "x" * 50, "DATABASE_URL": f"sqlite:///{tmp_path / 'ptce.sqlite3'}"}
    assert huey_of(env) == f"SqliteHuey False {tmp_path / 'huey.sqlite3'}"


def test_jobs_queue_in_redis_when_redis_is_configured(tmp_path):
    env = {"SECRET_KEY": "x" * 50, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    assert huey_of(env).startswith("RedisHuey False")


def test_jobs_run_inline_in_development_unless_told_otherwise(tmp_path):
    env = {"DEBUG": "1", "HUEY_SQLITE_PATH": str(tmp_path / "q.sqlite3")}
    assert huey_of(env).startswith("SqliteHuey True")
    assert huey_of({**env, "HUEY_IMMEDIATE": "0"}) == f"SqliteHuey False {tmp_path / 'q.sqlite3'}"


DATABASE_OF = (
    "from django.conf import settings; d = settings.DATABASES['default']; "
    "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d.get('OPTIONS', {}).get('options', '-'))"
)


def test_production_connections_persist_a_minute_with_health_checks_by_default():
    result = run_settings(
        {"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://ptce@db.example/ptce"},
        code=DATABASE_OF,
    )
    assert result.stdout.split()[:2] == ["60", "True"], result.stderr


def test_database_conn_max_age_sets_how_long_a_connection_lives():
    result = run_settings(
        {
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://ptce@db.example/ptce",
            "DATABASE_CONN_MAX_AGE": "0",
        },
        code=DATABASE_OF,
    )
    assert result.stdout.split()[:2] == ["0", "False"], result.stderr


def test_development_opens_a_connection_per_request():
    result = run_settings({"DEBUG": "1"}, code=DATABASE_OF)
    assert result.stdout.split()[:2] == ["0", "False"], result.stderr


def test_postgresql_jit_is_off_for_the_application_unless_asked():
    env = {"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://ptce@db.example/ptce"}
    off = run_settings(env, code=DATABASE_OF)
    on = run_settings({**env, "DATABASE_JIT": "1"}, code=DATABASE_OF)
    assert off.stdout.split()[2:] == ["-c", "jit=off"], off.stderr
    assert on.stdout.split()[2:] == ["-"], on.stderr


@pytest.mark.django_db
def test_the_application_connection_runs_without_jit_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
