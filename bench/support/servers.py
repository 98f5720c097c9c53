"""Redis and gunicorn on loopback, ours alone (free ports, own sessions), always stopped."""

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from .env import ROOT

BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=wait)
            return


@contextlib.contextmanager
def redis():
    """A throw-away redis-server (no persistence): yields its URL."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (our own command)
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(process)


def _wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"rien n’écoute sur le port {port}")


@contextlib.contextmanager
def gunicorn(*, database_url: str, redis_url: str, bodies: Path, workers: int = 2):
    """gunicorn with `workers` sync workers, DEBUG off, the shared Redis cache and the bench
    URLs (the application's plus the bare views serving `bodies`): yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.support.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PTCE_SIMPLE_STATIC": "1",
        "PTCE_BENCH_BODIES": str(bodies),
        "LOG_LEVEL": "WARNING",
    }
    log = open(Path(tempfile.gettempdir()) / f"ptce-bench-gunicorn-{port}.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603 (our own command)
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "256",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_port(port)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/__bench__/ping", timeout=10).read()  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit(f"gunicorn ne répond pas (journal : {log.name})") from None
                time.sleep(0.2)
        yield base
    finally:
        _stop(process)
        log.close()
