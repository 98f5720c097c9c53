import subprocess
import sys

from django.conf import settings


def run_settings(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
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
