"""Two tabs of the same edit page, for the edit-conflict tests (`ptce/core/versioning.py`).

The forms are read from the HTML as a browser sends them, so a template that forgets the hidden
`version` field fails the test, and resending the conflict page is what a person would do.
"""

from html.parser import HTMLParser

from pytest_django.asserts import assertContains

SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}


class PostForms(HTMLParser):
    """The fields of each `<form method="post">` of a page: {name: [values]}."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._form = None
        self._textarea = None  # (name, [text])
        self._select = None  # (name, multiple, [selected], [first option])
        self.feed(html)
        self.close()

    def _add(self, name, value):
        if self._form is not None and name:
            self._form.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {} if (attrs.get("method") or "").lower() == "post" else None
            if self._form is not None:
                self.forms.append(self._form)
        elif "disabled" in attrs:
            return
        elif tag == "input" and (attrs.get("type") or "text") not in SKIPPED_INPUTS:
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self._add(
                    attrs.get("name"), attrs.get("value") or ("on" if "checked" in attrs else "")
                )
        elif tag == "textarea":
            self._textarea = (attrs.get("name"), [])
        elif tag == "select":
            self._select = (attrs.get("name"), "multiple" in attrs, [], [])
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select[3].append(value)
            if "selected" in attrs:
                self._select[2].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            text = "".join(parts)
            self._add(name, text[1:] if text.startswith("\n") else text)  # as browsers do
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, multiple, selected, options = self._select
            for value in selected or ([] if multiple else options[:1]):
                self._add(name, value)
            self._select = None


def edit_form(response) -> dict[str, list[str]]:
    """The page's form that carries a version, with its values as loaded."""
    forms = [form for form in PostForms(response.content.decode()).forms if "version" in form]
    assert len(forms) == 1, "the page has one form, and it carries the version it shows"
    return forms[0]


def stale_save(client, url, *, theirs: dict, yours: dict, shown=None):
    """Two tabs load the form; the first saves `theirs`, then the second (loaded before) saves
    `yours`: refused with the conflict page (409), which shows their values (`shown`, by
    default the texts of `theirs`). Returns the conflict page."""
    loaded = edit_form(client.get(url))
    first = client.post(url, {**loaded, **theirs})
    assert first.status_code == 302, first.context and first.context["form"].errors
    conflict = client.post(url, {**loaded, **yours})
    assert conflict.status_code == 409
    assertContains(conflict, "Quelqu’un a modifié ces informations", status_code=409)
    for text in shown if shown is not None else [v for v in theirs.values() if isinstance(v, str)]:
        assertContains(conflict, text, status_code=409)
    return conflict


def reapply(client, url, conflict) -> None:
    """Send the conflict page's form as it stands: your version, knowingly."""
    response = client.post(url, edit_form(conflict))
    assert response.status_code == 302, response.context and response.context["form"].errors
