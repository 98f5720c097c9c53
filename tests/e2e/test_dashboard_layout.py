"""The coordinator's dashboard (« Gérer le pôle ») and « Mon espace » are laid out as drawn:
the footer comes after the content, with nothing drawn over it, on a desktop and on a phone."""

import pytest

from tests.e2e.helpers import login, visit

SIZES = {"bureau": (1280, 900), "mobile": (375, 812)}

# For every element of the main content, how far its box goes below the footer's top; and the
# tallest element of the content that shows nothing (no text, no image): a blank block.
MEASURE = """() => {
  const footer = document.querySelector('footer.fr-footer, footer');
  const top = footer.getBoundingClientRect().top + window.scrollY;
  const main = document.querySelector('main') || document.body;
  let overlapping = [];
  for (const el of main.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.height === 0) continue;
    const bottom = box.bottom + window.scrollY;
    const below = Math.round(bottom - top);
    if (below > 1) overlapping.push(`${el.tagName}.${el.className} ${below}px`);
  }
  let blank = null;
  for (const el of main.querySelectorAll('div, section, article')) {
    const box = el.getBoundingClientRect();
    const text = (el.innerText || '').trim();
    const height = Math.round(box.height);
    if (!text && height > 300) blank = `${el.tagName}.${el.className} ${height}px`;
  }
  return {overlapping, blank};
}"""


def open_as(page, live_server, user, size):
    # The first page of a session may take a while on a loaded machine.
    page.set_default_navigation_timeout(30_000)
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
    login(page, live_server, user)


def assert_footer_below_content(page):
    found = page.evaluate(MEASURE)
    assert found["overlapping"] == [], found["overlapping"][:5]
    assert found["blank"] is None, found["blank"]


@pytest.mark.parametrize("size", SIZES)
def test_the_coordinator_dashboard_ends_above_its_footer(
    page, live_server, coordinator, pole, size
):
    open_as(page, live_server, coordinator, size)
    assert visit(page, live_server, f"/poles/{pole.slug}/gerer/") == 200
    assert_footer_below_content(page)


@pytest.mark.parametrize("size", SIZES)
def test_my_space_ends_above_its_footer(page, live_server, coordinator, pole, size):
    open_as(page, live_server, coordinator, size)
    assert visit(page, live_server, "/mon-espace/") == 200
    assert_footer_below_content(page)
