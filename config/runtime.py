"""What a long-running web process does once the application is loaded (`config/wsgi.py`)."""

import gc


def freeze_loaded_objects() -> None:
    """Take every object alive now (modules, Django's and WeasyPrint's structures) out of the
    garbage collector's generations, so that a full collection no longer scans them: one cost
    ~130 ms in the middle of a PDF (issue #18). WeasyPrint is imported here, once, for its
    objects to be frozen too (the views import it only when a PDF is asked for)."""
    import weasyprint  # noqa: F401

    gc.collect()  # what is garbage already is freed, not frozen
    gc.freeze()
