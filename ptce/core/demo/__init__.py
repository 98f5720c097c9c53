"""Realistic, fictitious demo data for development and demonstrations (`manage.py demo_load`).

Never loaded by migrations. Content lives in `poles_*.py` (one module per group of régions),
the accounts in `accounts.py`, the geography it needs in `geography.py`, the writing in
`loader.py`.

The life of the poles (needs, topics, action plan, shared resources, meetings, join requests)
is described in `life_*.py` (shapes in `life_spec.py`, meetings computed in `life_meetings.py`)
and written by `life.py`; the ECARTS evaluations are described in `evaluations_content.py`
(words in `evaluations_text.py`, sheets computed in `evaluations_sheets.py`) and written by
`evaluations.py`. Both go through the services of their apps.
"""
