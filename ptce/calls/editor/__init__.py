"""The call editor of the national cell: calls, phases (window or permanent mode, eligibility
rules), the application form (sections, questions, frozen revisions) and the scoring grid;
and the régions' instructor accounts. Pages under `gestion-des-appels/` (`urls.py`)."""
