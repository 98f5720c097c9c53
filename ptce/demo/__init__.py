"""Realistic, fictitious demo data for development and demonstrations (`manage.py demo_load`).

Installed only in development and tests (`DEBUG` or `PTCE_DEMO=1`, see `config/settings.py`);
never loaded by migrations. The content lives in data files (`data/`: poles, their life,
evaluations, calls, accounts, geography); the Python reads them (`files.py`, into the shapes of
`spec.py` and `spec_life.py`) and writes them through the services of the apps: `loader.py`
(organisations, poles, accounts), `life.py` and `meetings.py` (cooperation), `evaluations.py`
and `sheets.py` (assessments), `calls.py` (calls).
"""
