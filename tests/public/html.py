"""A small HTML reader for the public pages' tests (standard library only)."""

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Link:
    href: str
    rel: str
    aria_current: str | None
    text: str = ""


class Page(HTMLParser):
    """Headings, links, <title>, inline styles and inline scripts of one HTML document."""

    COLLECTED = {"h1", "h2", "h3", "h4", "title", "a"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: dict[str, list[str]] = {}
        self.links: list[Link] = []
        self.title = ""
        self.inline_styles = 0
        self.inline_scripts = 0
        self._open: list[tuple[str, list[str]]] = []  # elements whose text is being collected

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs or tag == "style":
            self.inline_styles += 1
        if (tag == "script" and not attrs.get("src")) or any(a.startswith("on") for a in attrs):
            self.inline_scripts += 1
        if tag == "a":
            self.links.append(Link(attrs.get("href") or "", attrs.get("rel") or "", None))
            self.links[-1].aria_current = attrs.get("aria-current")
        if tag in self.COLLECTED:
            self._open.append((tag, []))

    def handle_endtag(self, tag):
        if not self._open or self._open[-1][0] != tag:
            return
        _, parts = self._open.pop()
        text = " ".join("".join(parts).split())
        if tag == "a":  # links do not nest: the one closing is the last one opened
            self.links[-1].text = text
        elif tag == "title":
            self.title = self.title or text  # the document's, not an SVG's <title>
        else:
            self.headings.setdefault(tag, []).append(text)

    def handle_data(self, data):
        for _, parts in self._open:
            parts.append(data)

    def hrefs(self) -> set[str]:
        return {link.href for link in self.links}

    def links_to(self, href: str) -> list[Link]:
        return [link for link in self.links if link.href == href]


def parse(response) -> Page:
    page = Page()
    page.feed(response.content.decode())
    page.close()
    return page
