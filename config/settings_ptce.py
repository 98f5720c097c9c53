"""The platform's own settings (`PTCE_*`), read from the environment; imported at the end of
`settings.py`. Infrastructure (database, cache, files, jobs, security) stays there."""

from .env import env_int, env_str

# Map base layer: empty means the offline département outlines only (tests, intranets).
PTCE_MAP_TILE_URL = env_str("PTCE_MAP_TILE_URL")
PTCE_MAP_TILE_ATTRIBUTION = env_str(
    "PTCE_MAP_TILE_ATTRIBUTION", "© les contributeurs d’OpenStreetMap"
)
# Calls: an application without a decision this many days after submission is overdue.
PTCE_CALLS_OVERDUE_DAYS = env_int("PTCE_CALLS_OVERDUE_DAYS", 60)
PTCE_APPLICATION_FILE_MAX_BYTES = env_int("PTCE_APPLICATION_FILE_MAX_BYTES", 10 * 1024 * 1024)
# Imports (`ptce.imports`): largest file and number of rows; from PTCE_IMPORT_JOB_ROWS rows the
# apply runs as a background job with its progress shown.
PTCE_IMPORT_MAX_BYTES = env_int("PTCE_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
PTCE_IMPORT_MAX_ROWS = env_int("PTCE_IMPORT_MAX_ROWS", 100_000)
PTCE_IMPORT_JOB_ROWS = env_int("PTCE_IMPORT_JOB_ROWS", 500)
# Webhook for partners' tools: state changes of applications, signed with the secret.
PTCE_WEBHOOK_URL = env_str("PTCE_WEBHOOK_URL")
PTCE_WEBHOOK_SECRET = env_str("PTCE_WEBHOOK_SECRET")

# Experts' and external raters' links stop working this many days after the decision on the
# application or the validation of the evaluation.
PTCE_LINK_DAYS_AFTER_CLOSING = env_int("PTCE_LINK_DAYS_AFTER_CLOSING", 30)
# Invitation links sent by coordinators stay valid this many days.
PTCE_INVITATION_DAYS = env_int("PTCE_INVITATION_DAYS", 14)
# Personal data (RGPD): kept this many months, then deleted by `manage.py purge_personal_data`
# (`ptce.privacy.purge.purge_personal_data`, run daily); the legal page states them.
PTCE_RETENTION_LOGIN_LOG_MONTHS = env_int("PTCE_RETENTION_LOGIN_LOG_MONTHS", 6)
PTCE_RETENTION_EXPIRED_INVITATION_MONTHS = env_int("PTCE_RETENTION_EXPIRED_INVITATION_MONTHS", 3)
PTCE_RETENTION_DECLINED_JOIN_REQUEST_MONTHS = env_int(
    "PTCE_RETENTION_DECLINED_JOIN_REQUEST_MONTHS", 12
)
# Animation alert: no meeting or event for more than this many months.
PTCE_ANIMATION_ALERT_MONTHS = env_int("PTCE_ANIMATION_ALERT_MONTHS", 3)

# Exports (`ptce/core/export_runs.py`): from this many rows an export is built by a background
# job, its progress shown at /mon-espace/exports/<pk>/; below, the CSV is streamed at once. The
# file is kept this many hours, then deleted by a periodic job.
PTCE_EXPORT_JOB_ROWS = env_int("PTCE_EXPORT_JOB_ROWS", 2000)
PTCE_EXPORT_KEEP_HOURS = env_int("PTCE_EXPORT_KEEP_HOURS", 24)
# The action plan's PDF (WeasyPrint, ~2 s for 150 actions): from this many actions, unless the
# same document is in the cache, it is built by a job (an export run, as above).
PTCE_PDF_JOB_ACTIONS = env_int("PTCE_PDF_JOB_ACTIONS", 40)

# Awards (`ptce.awards`): the State body that grants the support, as published in the open data
# of subsidies (SCDL « nomAttribuant », « idAttribuant »); each agreement may say otherwise.
PTCE_AWARDS_GRANTOR_NAME = env_str(
    "PTCE_AWARDS_GRANTOR_NAME", "État — Ministère chargé de l’économie sociale et solidaire"
)
PTCE_AWARDS_GRANTOR_SIRET = env_str("PTCE_AWARDS_GRANTOR_SIRET")
# Anonymous public pages (directory, pole page) in the shared cache: longest life of an entry,
# for what changes without renewing a scope (ptce/core/pages_cache.py).
PTCE_PUBLIC_PAGE_SECONDS = env_int("PTCE_PUBLIC_PAGE_SECONDS", 300)
# Days before a report's deadline when its pole's coordinators are reminded (once, then once
# more when it is late).
PTCE_AWARDS_REPORT_REMINDER_DAYS = env_int("PTCE_AWARDS_REPORT_REMINDER_DAYS", 15)

# Reminders sent every morning by the worker (`assessments/reminders.py`, `poles/reminders.py`):
# a sheet not returned N days before its deadline (once); a consolidation waiting, every N days;
# a published pole whose profile has not changed for N days, then again every N days.
PTCE_SHEET_REMINDER_DAYS = env_int("PTCE_SHEET_REMINDER_DAYS", 3)
PTCE_CONSOLIDATION_REMINDER_DAYS = env_int("PTCE_CONSOLIDATION_REMINDER_DAYS", 14)
PTCE_STALE_POLE_DAYS = env_int("PTCE_STALE_POLE_DAYS", 365)
PTCE_STALE_POLE_REMINDER_DAYS = env_int("PTCE_STALE_POLE_REMINDER_DAYS", 90)
