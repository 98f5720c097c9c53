"""Every public page, and « Mon espace », passes axe-core's WCAG 2.1 A/AA rules (see helpers)."""

import pytest

from tests.e2e.helpers import (
    PUBLIC_PAGES,
    assert_accessible,
    axe_violations,
    format_violations,
    guide_paths,
    login,
    visit,
)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_exists_and_is_accessible(page, live_server, public_data, path):
    assert visit(page, live_server, path) == 200
    assert_accessible(page)


def test_every_guide_page_is_accessible(page, live_server, public_data):
    paths = guide_paths(page, live_server)
    problems = []
    for path in paths:
        status = visit(page, live_server, path)
        if status != 200:
            problems.append(f"{path} répond {status}")
        elif violations := axe_violations(page):
            problems.append(f"{path} :\n{format_violations(violations)}")
    assert not problems, "\n".join(problems)


def test_coordinator_space_is_accessible(page, live_server, public_data, coordinator):
    login(page, live_server, coordinator)
    assert visit(page, live_server, "/mon-espace/") == 200
    assert_accessible(page)


def test_the_audit_fails_on_a_page_with_serious_violations(page):
    page.set_content('<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body>')

    with pytest.raises(AssertionError, match=r"(?s)\[critical\] image-alt.*at img"):
        assert_accessible(page)
