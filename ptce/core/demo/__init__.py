"""Realistic, fictitious demo data for development and demonstrations (`manage.py demo_load`).

Never loaded by migrations. Content lives in `poles_*.py` (one module per group of régions),
the accounts in `accounts.py`, the geography it needs in `geography.py`, the writing in
`loader.py`.
"""
