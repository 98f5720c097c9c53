"""The call editor of the national cell: calls, their public documents (`documents.py`), phases
(window or permanent mode, eligibility rules; deleted while unused), the application form
(sections, questions, frozen revisions) and the scoring grid; and the régions' instructor
accounts. Pages under `gestion-des-appels/` (`urls.py`); the call's bouquet of services is the
awards app's (`ptce/awards/editor_bouquet.py`)."""
