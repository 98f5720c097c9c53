"""The four checks of the multi-process test (issue 13), on the platform `run.py` started.
Every wait polls with a time limit; no check relies on a fixed pause."""

import collections
import dataclasses
import hashlib
import hmac
import json
import os
import re
import subprocess
import time
from pathlib import Path

import psycopg
import requests

WEBHOOK_SECRET = "multiprocess-webhook-secret"  # noqa: S105 (test only)
RUNNING, DONE = "en_cours", "terminee"  # ptce.core.models.JobState, as stored


def report(line: str, started: float) -> None:
    print(f"[{time.monotonic() - started:6.1f} s] {line}", flush=True)


def wait_for(predicate, what: str, timeout: float, every: float = 0.2, seen=None):
    """Poll `predicate` until it returns something true; `seen()` says what was there instead."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            instead = f" — constaté : {seen()}" if seen else ""
            raise AssertionError(f"attendu en moins de {timeout:.0f} s : {what}{instead}")
        time.sleep(every)


@dataclasses.dataclass
class World:
    env: dict
    root: Path
    python: str
    ports: dict
    processes: object
    smtp: object
    webhook: object
    s3: object
    database: str

    def url(self, number: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports['web'][number]}{path}"

    def action(self, *args: str) -> dict:
        """One write through the real services, in a process of its own."""
        done = subprocess.run(  # noqa: S603
            [self.python, "scripts/multiprocess/actions.py", *args],
            cwd=self.root,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=120,
        )
        return json.loads(done.stdout.decode().strip().splitlines()[-1])

    def rows(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(self.database, autocommit=True) as connection:
            return connection.execute(query, params).fetchall()

    def last_job(self) -> int:
        return self.rows("SELECT coalesce(max(id), 0) FROM core_jobrecord")[0][0]

    def mail_jobs(self, after: int) -> list[tuple]:
        return self.rows(
            "SELECT id, state, attempts, worker, last_error FROM core_jobrecord "
            "WHERE id > %s AND summary LIKE 'Courriel%%' ORDER BY id",
            after,
        )


def run_all(world: World, started: float) -> None:
    cast = world.action("cast")
    for check in (unpublished_everywhere, file_across_servers, outage, killed_worker):
        check(world, cast)
        report(f"OK — {' '.join(check.__doc__.split())}", started)
    nothing_delivered_twice(world)
    report("OK — rien n’a été remis deux fois, en fin de parcours", started)


def unpublished_everywhere(world: World, cast: dict) -> None:
    """(1) Un pôle dépublié disparaît de l’API et de la carte de chaque serveur web."""
    slug = cast["pole"]
    api, data = f"/api/v1/poles/{slug}", "/carte/donnees.json"
    for number in range(len(world.ports["web"])):
        for _ in range(2):  # the second answer comes from the shared cache
            status = requests.get(world.url(number, api), timeout=30).status_code
            assert status == 200, f"serveur {number + 1} : {api} répond {status} avant"
            markers = requests.get(world.url(number, data), timeout=30).text
            assert f'"{slug}"' in markers, f"serveur {number + 1} : {slug} absent de la carte"
    world.action("unpublish", slug)
    for number in range(len(world.ports["web"])):
        status = requests.get(world.url(number, api), timeout=30).status_code
        assert status == 404, f"serveur {number + 1} : {api} répond {status} après dépublication"
        markers = requests.get(world.url(number, data), timeout=30).text
        assert f'"{slug}"' not in markers, f"serveur {number + 1} : {slug} encore sur la carte"


def _login(world: World, number: int, cast: dict) -> requests.Session:
    session = requests.Session()
    session.get(world.url(number, "/connexion/"), timeout=30).raise_for_status()
    response = session.post(
        world.url(number, "/connexion/"),
        data={
            "username": cast["coordinator"],
            "password": cast["password"],
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, f"connexion refusée ({response.status_code})"
    return session


def _upload_form(html: str) -> tuple[str, dict]:
    form = re.search(r'<form[^>]*action="([^"]*pieces-jointes/)"[^>]*>(.*?)</form>', html, re.S)
    assert form, "formulaire d’ajout de pièce jointe absent de la page de la réunion"
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(2)))
    return form.group(1), hidden


def file_across_servers(world: World, cast: dict) -> None:
    """(2) Un fichier privé déposé par le formulaire d’un serveur se télécharge, identique,
    par les deux autres."""
    session = _login(world, 0, cast)
    page = session.get(world.url(0, cast["meeting_url"]), timeout=30)
    assert page.status_code == 200, f"page de la réunion : {page.status_code}"
    action, hidden = _upload_form(page.text)
    content = b"%PDF-1.4\n" + os.urandom(300_000) + b"\n%%EOF\n"
    name = "compte-rendu-multiprocessus.pdf"
    response = session.post(
        world.url(0, action),
        data=hidden,
        files={"file": (name, content, "application/pdf")},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, f"dépôt refusé ({response.status_code})"
    page = session.get(world.url(0, cast["meeting_url"]), timeout=30).text
    links = re.findall(r'href="([^"]*pieces-jointes/(\d+)/)"', page)
    assert links, "le fichier déposé n’apparaît pas sur la page de la réunion"
    link = max(links, key=lambda found: int(found[1]))[0]
    for number in range(1, len(world.ports["web"])):
        download = session.get(world.url(number, link), timeout=60)
        assert download.status_code == 200, (
            f"serveur {number + 1} : {link} → {download.status_code}"
        )
        assert download.content == content, f"serveur {number + 1} : fichier différent"
    anonymous = requests.get(world.url(2, link), allow_redirects=False, timeout=30)
    assert anonymous.status_code in (302, 403, 404), "fichier privé servi sans connexion"
    stored = world.s3.list_objects_v2(Bucket=world.env["S3_PRIVATE_BUCKET"]).get("Contents", [])
    bodies = [
        world.s3.get_object(Bucket=world.env["S3_PRIVATE_BUCKET"], Key=item["Key"])["Body"].read()
        for item in stored
    ]
    assert content in bodies, "le fichier n’est pas dans le seau S3 privé (moto)"


def _signed(headers: dict, body: bytes) -> bool:
    timestamp = headers.get("x-ptce-timestamp", "")
    digest = hmac.new(WEBHOOK_SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(headers.get("x-ptce-signature", ""), f"sha256={digest.hexdigest()}")


def outage(world: World, cast: dict) -> None:
    """(3) Courriels et webhook émis pendant que leurs serveurs sont arrêtés : remis une fois
    chacun quand ils reviennent."""
    before = world.last_job()
    world.action("withdraw", str(cast["application"]))
    deliveries = world.rows("SELECT id FROM calls_webhookdelivery WHERE delivered_at IS NULL")
    assert len(deliveries) == 1, f"une remise de webhook attendue, {len(deliveries)} trouvées"
    delivery = deliveries[0][0]

    def webhook_state():
        return world.rows(
            "SELECT attempts, delivered_at IS NOT NULL, last_error FROM calls_webhookdelivery "
            "WHERE id = %s",
            delivery,
        )[0]

    def failed_once():
        jobs = world.mail_jobs(before)
        failed = all(state != DONE and error for _, state, _, _, error in jobs)
        return jobs and failed and webhook_state()[0] >= 1 and jobs

    jobs = wait_for(
        failed_once,
        "un premier échec de chaque courriel et du webhook",
        60,
        seen=lambda: (world.mail_jobs(before), webhook_state()),
    )
    world.smtp.up()
    world.webhook.up()

    def all_delivered():
        states = {state for _, state, *_ in world.mail_jobs(before)}
        return states == {DONE} and webhook_state()[1]

    wait_for(
        all_delivered,
        f"{len(jobs)} courriel(s) et le webhook remis",
        90,
        seen=lambda: (world.mail_jobs(before), webhook_state()),
    )
    received = collections.Counter(world.smtp.received)
    assert sum(received.values()) == len(jobs), (
        f"{len(jobs)} courriels en file, {sum(received.values())} reçus : {received}"
    )
    assert max(received.values()) == 1, f"courriel reçu plusieurs fois : {received}"
    assert world.webhook.deliveries() == [delivery], (
        f"webhook n° {delivery} attendu une fois, reçus : {world.webhook.deliveries()}"
    )
    assert all(_signed(headers, body) for headers, body in world.webhook.received), (
        "webhook reçu sans signature valable"
    )


def killed_worker(world: World, cast: dict) -> None:
    """(4) Un consommateur tué (SIGKILL) au milieu d’un envoi : l’autre reprend la tâche,
    remise une fois."""
    subject = "Test multi-processus : tâche interrompue"
    world.smtp.stall.set()
    before = world.last_job()
    world.action("mail", subject, "interrompue@exemple.fr")

    def running():
        jobs = [job for job in world.mail_jobs(before) if job[1] == RUNNING and job[3]]
        return subject in world.smtp.stalled and jobs and jobs[0]

    job_id, _, _, worker, _ = wait_for(running, "l’envoi retenu par le serveur de courriel", 60)
    victim = world.processes.name_of(int(worker.rsplit(":", 2)[1]))
    assert victim, f"la tâche tourne chez {worker}, qui n’est aucun des consommateurs"
    world.processes.kill(victim)
    world.smtp.stall.clear()  # the held session is refused: nothing received from it

    def done():
        rows = world.rows(
            "SELECT state, attempts, worker FROM core_jobrecord WHERE id = %s", job_id
        )
        return rows[0][0] == DONE and rows[0]

    lease = int(world.env["PTCE_JOB_LEASE_SECONDS"])
    _, attempts, survivor = wait_for(
        done, "la tâche reprise par l’autre consommateur", lease * 3 + 60
    )
    assert survivor != worker, "la tâche n’a pas changé de consommateur"
    assert attempts == 2, f"2 tentatives attendues (la tuée, la reprise), {attempts} comptées"
    sent = [item for item in world.smtp.received if item[1] == subject]
    assert len(sent) == 1, f"courriel de la tâche reprise reçu {len(sent)} fois"
    assert world.processes.dead() == [victim], f"processus arrêtés : {world.processes.dead()}"


def nothing_delivered_twice(world: World) -> None:
    received = collections.Counter(world.smtp.received)
    assert max(received.values()) == 1, f"courriel reçu plusieurs fois : {received}"
    deliveries = collections.Counter(world.webhook.deliveries())
    assert max(deliveries.values()) == 1, f"webhook reçu plusieurs fois : {deliveries}"
