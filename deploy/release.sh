#!/bin/sh
# Run once per release, on one machine, before (re)starting the web servers and the worker.
# Every step is idempotent.
set -eu
cd "$(dirname "$0")/.."
python manage.py check --deploy --fail-level WARNING
python manage.py migrate --noinput
# The database cache, used when REDIS_URL is not set (a no-op otherwise).
python manage.py createcachetable
python manage.py collectstatic --noinput
python manage.py territories_load
python manage.py referentiel_load
# Every pole's stored map point, after the geography may have moved a commune's centroid.
python manage.py poles_locate
