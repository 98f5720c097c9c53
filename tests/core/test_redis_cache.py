"""The Redis cache of production (`ptce.core.redis_cache`): Django's, shared by every process,
its client built once instead of once per operation."""

import shutil
import socket
import subprocess
import time

import pytest

from ptce.core.redis_cache import RedisCache
from tests.core.test_settings import run_settings


@pytest.fixture(scope="module")
def redis_url():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server absent de cette machine")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 — our own throw-away server on loopback
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],  # noqa: S607
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline, "redis-server ne répond pas"
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_production_with_redis_uses_it():
    result = run_settings(
        {"SECRET_KEY": "x" * 50, "REDIS_URL": "redis://127.0.0.1:6379/0"},
        code="from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
    )
    assert result.stdout.strip() == "ptce.core.redis_cache.RedisCache", result.stderr


def test_two_processes_share_what_it_holds(redis_url):
    one, other = RedisCache(redis_url, {}), RedisCache(redis_url, {})

    one.set_many({"ptce:essai:a": b"octets", "ptce:essai:b": ("tuple", 1)})

    assert other.get_many(["ptce:essai:a", "ptce:essai:b", "ptce:essai:absent"]) == {
        "ptce:essai:a": b"octets",
        "ptce:essai:b": ("tuple", 1),
    }
    assert other.add("ptce:essai:a", "autre") is False
    other.delete("ptce:essai:a")
    assert one.get("ptce:essai:a") is None


def test_its_client_is_built_once(redis_url):
    cache = RedisCache(redis_url, {})
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
