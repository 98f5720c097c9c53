"""The site works in a real browser: DSFR served locally, nothing fetched from the internet,
no Content-Security-Policy violation and no JavaScript error on any page."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.helpers import PUBLIC_PAGES, guide_paths, login, visit


def test_dsfr_styles_and_scripts_are_served_by_the_site_itself(page, live_server):
    static_statuses = {}
    page.on(
        "response",
        lambda response: (
            static_statuses.__setitem__(response.url, response.status)
            if "/static/" in response.url
            else None
        ),
    )

    page.goto(f"{live_server.url}/")

    css = [url for url in static_statuses if url.endswith(".css")]
    assert any("dsfr" in url for url in css), static_statuses
    assert {url: s for url, s in static_statuses.items() if s != 200} == {}
    # DSFR's header puts the service title in bold: only true if dsfr.min.css applied.
    expect(page.locator(".fr-header__service-title")).to_have_css("font-weight", "700")
    # DSFR's JavaScript starts and marks the root element once it is running.
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")


def test_the_home_page_attempts_no_request_outside_the_site(page, live_server, external_requests):
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")

    assert external_requests == []


def test_requests_outside_the_site_are_blocked_and_recorded(page, live_server, external_requests):
    with pytest.raises(PlaywrightError, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("https://example.org/tracker.js")

    assert external_requests == ["https://example.org/tracker.js"]


def test_pages_run_without_csp_violation_or_javascript_error(
    page, live_server, public_data, coordinator, browser_errors, external_requests
):
    paths = PUBLIC_PAGES + guide_paths(page, live_server)
    problems = []
    for path in paths:
        before = len(browser_errors)
        status = visit(page, live_server, path)
        if status != 200:
            problems.append(f"{path} répond {status}")
        problems += [f"{path} : {error}" for error in browser_errors[before:]]
    login(page, live_server, coordinator)
    before = len(browser_errors)
    if (status := visit(page, live_server, "/mon-espace/")) != 200:
        problems.append(f"/mon-espace/ répond {status}")
    problems += [f"/mon-espace/ : {error}" for error in browser_errors[before:]]

    assert not problems, "\n".join(problems)
    assert external_requests == []


def test_the_content_security_policy_refuses_inline_scripts(page, live_server, browser_errors):
    page.goto(f"{live_server.url}/")

    with page.expect_console_message(lambda message: "inline script" in message.text):
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.injected = true";
                document.body.append(script);
            }"""
        )

    assert page.evaluate("() => window.injected") is None
    assert any("Content Security Policy" in error for error in browser_errors)
