"""The multi-process test (issue 13): the platform as it runs in production, on loopback.

Three gunicorn servers (one worker each, so each is addressable), two Huey consumers (one
with the periodic jobs, one without) on PostgreSQL and Redis, moto's S3 server for the files,
a mail server and a webhook receiver that start down and come up later. The checks are in
`checks.py`; this file starts and stops everything, within a hard time limit.

    make multiprocess          # or: .venv/bin/python scripts/multiprocess/run.py

Environment (optional): PTCE_MP_POSTGRES (server, default postgres://postgres@127.0.0.1:5432;
the database `ptce_multiprocess` is dropped and created), PTCE_MP_REDIS_URL (default
redis://127.0.0.1:6379/5; that Redis database is emptied), PTCE_MP_TIMEOUT (seconds, 600).
Prints a report; exits 1 on a failed check, 2 on a setup failure; leaves no process behind.
"""

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3
import psycopg
import redis
import requests
from moto.server import ThreadedMotoServer

sys.path.insert(0, str(Path(__file__).resolve().parent))

import checks  # noqa: E402
from processes import Processes, free_ports  # noqa: E402
from sinks import SmtpSink, WebhookReceiver  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATABASE = "ptce_multiprocess"
POSTGRES = os.environ.get("PTCE_MP_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("PTCE_MP_REDIS_URL", "redis://127.0.0.1:6379/5")
TIMEOUT = int(os.environ.get("PTCE_MP_TIMEOUT", "600"))
WEB_SERVERS = 3
S3_KEYS = {"S3_ACCESS_KEY_ID": "multiprocess", "S3_SECRET_ACCESS_KEY": "multiprocess"}


class OutOfTime(Exception):
    pass


def _out_of_time(signum, frame):
    raise OutOfTime(f"le test dépasse sa limite de {TIMEOUT} s")


def environment(ports: dict, workdir: Path) -> dict:
    """What every process of the platform reads: production settings, loopback services."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PTCE_", "S3_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": "multiprocess-test-only-" + "x" * 40,
            "PTCE_DEMO": "1",  # the demo accounts and poles, loaded with --force
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{ports['web'][0]}",
            "SECURE_COOKIES": "0",  # plain HTTP on loopback
            "PTCE_SIMPLE_STATIC": "1",  # no collectstatic needed
            "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
            "REDIS_URL": REDIS_URL,
            "HUEY_IMMEDIATE": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(ports["smtp"]),
            "PTCE_WEBHOOK_URL": f"http://127.0.0.1:{ports['webhook']}/ptce",
            "PTCE_WEBHOOK_SECRET": checks.WEBHOOK_SECRET,
            # Retries after 1, 2, 4… seconds rather than minutes; a lease of 8 s.
            "PTCE_MAIL_RETRY_SECONDS": "1",
            "PTCE_WEBHOOK_RETRY_SECONDS": "1",
            "PTCE_JOB_LEASE_SECONDS": "8",
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{ports['s3']}",
            "S3_REGION": "us-east-1",
            "S3_ADDRESSING_STYLE": "path",
            "S3_PRIVATE_BUCKET": "ptce-prive",
            "S3_PUBLIC_BUCKET": "ptce-public",
            **S3_KEYS,
            "MEDIA_ROOT": str(workdir / "media"),
            "PTCE_PRIVATE_MEDIA_ROOT": str(workdir / "private"),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def services_reachable(queue) -> None:
    """PostgreSQL and Redis are the machine's: say which one is missing, and how to fix it."""
    try:
        queue.ping()
    except redis.RedisError as error:
        raise RuntimeError(
            f"Redis injoignable à {REDIS_URL} ({error}) : démarrez redis-server "
            "ou indiquez-en un autre par PTCE_MP_REDIS_URL."
        ) from error
    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=10).close()
    except psycopg.Error as error:
        raise RuntimeError(
            f"PostgreSQL injoignable à {POSTGRES} ({error}) : démarrez-le (utilisateur postgres, "
            "méthode trust en local) ou indiquez-en un autre par PTCE_MP_POSTGRES."
        ) from error


def database_create(env: dict) -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    started = time.monotonic()
    for command in (["migrate", "--noinput"], ["territories_load"], ["referentiel_load"]) + (
        ["demo_load", "--force"],
    ):
        manage(env, *command)
        checks.report(command[0], started)


def database_drop() -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def buckets_create(env: dict) -> None:
    s3 = boto3.client(
        "s3",
        endpoint_url=env["S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id=S3_KEYS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["S3_SECRET_ACCESS_KEY"],
    )
    for bucket in (env["S3_PRIVATE_BUCKET"], env["S3_PUBLIC_BUCKET"]):
        s3.create_bucket(Bucket=bucket)
    return s3


def platform_start(processes: Processes, ports: dict) -> None:
    for number, port in enumerate(ports["web"], start=1):
        processes.start(
            f"web{number}",
            [str(BIN / "gunicorn"), "config.wsgi", "--workers", "1", "--timeout", "120"]
            # its own port, and no control socket (one path per user, shared by default)
            + ["--bind", f"127.0.0.1:{port}", "--no-control-socket"],
        )
    processes.start("worker1", [PYTHON, "manage.py", "run_huey", "--workers", "2"])
    processes.start("worker2", [PYTHON, "manage.py", "run_huey", "--workers", "2", "-n"])


def platform_ready(processes: Processes, ports: dict) -> None:
    def healthy(port):
        try:
            return requests.get(f"http://127.0.0.1:{port}/sante/", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    for port in ports["web"]:
        checks.wait_for(lambda port=port: healthy(port), f"/sante/ à 200 sur :{port}", 90)
    for name in ("worker1", "worker2"):
        checks.wait_for(
            lambda name=name: "consumer started" in processes.log(name).lower(),
            f"le consommateur {name} démarré",
            90,
        )


def main() -> int:
    started = time.monotonic()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.alarm(TIMEOUT)
    workdir = Path(tempfile.mkdtemp(prefix="ptce-multiprocess-"))
    web, (smtp_port, webhook_port, s3_port) = free_ports(WEB_SERVERS), free_ports(3)
    ports = {"web": web, "smtp": smtp_port, "webhook": webhook_port, "s3": s3_port}
    env = environment(ports, workdir)
    processes = Processes(root=ROOT, logs=workdir, env=env)
    smtp, webhook = SmtpSink(smtp_port), WebhookReceiver(webhook_port)
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=s3_port, verbose=False)
    queue = redis.Redis.from_url(REDIS_URL)
    stage = "préparation"
    try:
        services_reachable(queue)
        queue.flushdb()
        moto.start()
        s3 = buckets_create(env)  # before the demo data: it holds files
        database_create(env)
        checks.report("base, données et seaux prêts", started)
        platform_start(processes, ports)
        platform_ready(processes, ports)
        checks.report("plate-forme prête", started)
        stage = "vérifications"
        world = checks.World(
            env=env, root=ROOT, python=PYTHON, ports=ports, processes=processes,
            smtp=smtp, webhook=webhook, s3=s3, database=f"{POSTGRES}/{DATABASE}",
        )  # fmt: skip
        checks.run_all(world, started)
        checks.report(f"RÉUSSI en {time.monotonic() - started:.0f} s", started)
        return 0
    except (AssertionError, OutOfTime, subprocess.CalledProcessError, Exception) as failure:
        detail = getattr(failure, "stderr", None) or b""
        print(f"\nÉCHEC ({stage}) : {type(failure).__name__} : {failure}", file=sys.stderr)
        if detail:
            print(detail.decode(errors="replace")[-3000:], file=sys.stderr)
        for name in processes.running:
            print(f"--- {name} (fin du journal)\n{processes.tail(name)}", file=sys.stderr)
        return 1 if stage == "vérifications" else 2
    finally:
        signal.alarm(0)
        processes.stop_all()
        for cleanup in (smtp.down, webhook.down, moto.stop, database_drop, queue.flushdb):
            with contextlib.suppress(Exception):  # what never started has nothing to stop
                cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
