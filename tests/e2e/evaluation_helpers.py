"""Helpers of the ECARTS browser test: filling an observation sheet through the real form,
logging out, finding the personal link in an invitation e-mail, reading a PDF's text."""

import re
import shutil
import subprocess
import time
import unicodedata
from urllib.parse import urlsplit

from django.core import mail

NO_OPINION = "nsp"
EXTERNAL_LINK = re.compile(r"https?://\S+?(/evaluations/feuille/[\w-]+/)")


def logout(page):
    """Sign out with the header's « Se déconnecter » button."""
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Se connecter").is_visible()


def fill_sheet(page, scores, *, observation_on=None):
    """Tick one score per criterion ({letter: 1–5 or NO_OPINION}) on the sheet that is open,
    write an observation on one criterion, and send the sheet. (The consolidation page's table
    of individual scores then shows what was really recorded.)"""
    for letter, score in scores.items():
        # DSFR radios are drawn by their label (the input itself is transparent): click it.
        page.locator(f"label[for='note-{letter}-{score}']").click()
    if observation_on:
        letter, text = observation_on
        page.locator(f"#id_observation_{letter}").fill(text)
    page.get_by_role("button", name="Envoyer ma feuille").click()
    page.wait_for_load_state()
    assert page.get_by_text("Votre feuille est envoyée.").is_visible(), page.url


def invitation_link(email, live_server, timeout=5.0):
    """The personal link of the e-mail sent to `email`, on the live server. The live server
    commits for real and sends its e-mails on commit: wait a moment for them."""
    deadline = time.monotonic() + timeout
    while True:
        sent = [message for message in mail.outbox if email in message.to]
        if sent or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(sent) == 1, f"{len(sent)} courriel(s) à {email} : {[m.to for m in mail.outbox]}"
    found = EXTERNAL_LINK.search(sent[0].body)
    assert found, f"Pas de lien personnel dans le courriel :\n{sent[0].body}"
    return f"{live_server.url}{found.group(1)}"


def path_of(page) -> str:
    return urlsplit(page.url).path


def pdf_text(path) -> str | None:
    """The PDF's text, as one line (NFKC: ligatures such as « ﬁ » become « fi »), or None when
    poppler's pdftotext is not installed."""
    executable = shutil.which("pdftotext")
    if executable is None:
        return None
    command = [executable, "-enc", "UTF-8", str(path), "-"]  # a file the test downloaded
    output = subprocess.run(command, capture_output=True, check=True, timeout=30)  # noqa: S603
    return normalise(output.stdout.decode("utf-8"))


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return re.sub(r"\s+", " ", text)
