"""Helpers of the ECARTS browser test: filling an observation sheet through the real form,
logging out, finding the personal link in an invitation e-mail, reading a PDF's text."""

import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from tests.e2e.helpers import mailed_link
from tests.poppler import pdftotext

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
    page.get_by_role("button", name="Confirmer : envoyer ma feuille").click()
    page.wait_for_load_state()
    assert page.get_by_text("Votre feuille est envoyée.").is_visible(), page.url


def invitation_link(email, live_server):
    """The personal link of the invitation e-mailed to `email`, on the live server."""
    return mailed_link(live_server, email, EXTERNAL_LINK)


def path_of(page) -> str:
    return urlsplit(page.url).path


def pdf_text(path) -> str:
    """The PDF's text, as one line (NFKC: ligatures such as « ﬁ » become « fi »)."""
    return normalise(pdftotext(Path(path).read_bytes()))


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return re.sub(r"\s+", " ", text)
