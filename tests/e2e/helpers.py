"""Helpers shared by the browser tests: the pages to visit, logging in through the real form,
finding a link in an e-mail the live server sent, auditing a page with axe-core."""

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.core import mail

from tests.conftest import PASSWORD

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

# RGAA 4.1 (the French legal reference) is built on WCAG 2.1 level AA, so the audit runs the
# WCAG 2.0/2.1 A and AA rules only. axe's "best-practice" rules are left out on purpose: they
# are advice, not RGAA criteria, and a failing suite must mean a real non-conformity.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING_IMPACTS = ("serious", "critical")

# Every public page: each must answer 200 (a missing page fails the tests, it is never skipped).
PUBLIC_PAGES = [
    "/",
    "/poles/",
    "/guide/",
    "/connexion/",
    "/carte/",
    "/chiffres/",
    "/accessibilite/",
    "/mentions-legales/",
    "/mot-de-passe/oubli/",
    "/poles/pole-des-coteaux/",
    "/territoires/communes/?q=toulouse",
    "/recherche/?q=coteaux",
    "/appels/",
    "/donnees/",
]


def visit(page, live_server, path):
    """Open `path` on the live server; return the HTTP status."""
    response = page.goto(f"{live_server.url}{path}")
    return response.status if response else None


def guide_paths(page, live_server):
    """The guide's pages, as linked from /guide/ (read at run time: the guide grows). A guide
    that links to none of its pages fails."""
    assert visit(page, live_server, "/guide/") == 200
    host = urlsplit(live_server.url).netloc
    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    paths = {urlsplit(href) for href in links}
    found = sorted(
        link.path
        for link in paths
        if link.netloc == host and link.path.startswith("/guide/") and link.path != "/guide/"
    )
    assert found, "/guide/ ne renvoie vers aucune page du guide"
    return found


def login(page, live_server, user, password=PASSWORD):
    """Log `user` in through the real login form (/connexion/) and wait for the redirect."""
    response = page.goto(f"{live_server.url}/connexion/")
    assert response.status == 200, f"/connexion/ répond {response.status}"
    page.locator("input[name='username']").fill(user.email)
    page.locator("input[name='password']").fill(password)
    page.locator("form:has(input[name='password']) [type='submit']").click()
    page.wait_for_load_state()
    if urlsplit(page.url).path == "/connexion/":
        errors = page.locator(".fr-alert, .fr-error-text, .errorlist").all_inner_texts()
        raise AssertionError(f"La connexion de {user.email} a échoué : {errors or page.url}")


def mailed_link(live_server, email, link, timeout=5.0):
    """The live server's URL of the one link matching `link` (a regex whose group 1 is the
    path) in the one e-mail sent to `email`. The live server commits for real and sends its
    e-mails on commit: wait up to `timeout` seconds for them."""
    deadline = time.monotonic() + timeout
    while True:
        sent = [message for message in mail.outbox if email in message.to]
        if sent or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(sent) == 1, f"{len(sent)} courriel(s) à {email} : {[m.to for m in mail.outbox]}"
    found = link.search(sent[0].body)
    assert found, f"Pas de lien personnel dans le courriel :\n{sent[0].body}"
    return f"{live_server.url}{found.group(1)}"


def axe_violations(page, impacts=BLOCKING_IMPACTS):
    """Run axe-core on the page as it is now; return its violations of the given impacts."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the site's CSP (script-src 'self') would
        # block the inline <script> that `page.add_script_tag` creates.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [v for v in results["violations"] if v["impact"] in impacts]


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl'].split('?')[0]})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            html = re.sub(r"\s+", " ", node["html"])[:160]
            lines.append(f"    at {target}\n       {html}")
    return "\n".join(lines)


def assert_accessible(page, impacts=BLOCKING_IMPACTS):
    """Fail listing every axe violation (WCAG 2.1 A/AA) of impact serious or critical."""
    violations = axe_violations(page, impacts)
    if violations:
        count = sum(len(v["nodes"]) for v in violations)
        raise AssertionError(
            f"{len(violations)} règle(s) d’accessibilité non respectée(s), {count} élément(s),"
            f" sur {page.url} :\n{format_violations(violations)}"
        )
