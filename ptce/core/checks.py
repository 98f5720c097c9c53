"""System checks of the deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Caches each process keeps to itself: an invalidation made by one web worker never reaches
# the others, which would serve an unpublished pole for up to an hour.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    if settings.DEBUG:
        return []
    return [
        Error(
            f"Le cache « {alias} » ({config['BACKEND'].rsplit('.', 1)[-1]}) est propre à chaque "
            "processus : les autres processus web ne verraient pas ses invalidations.",
            hint="Définissez REDIS_URL, ou utilisez le cache en base de données "
            "(django.core.cache.backends.db.DatabaseCache et manage.py createcachetable).",
            id="ptce.E001",
        )
        for alias, config in settings.CACHES.items()
        if config.get("BACKEND") in PER_PROCESS_CACHES
    ]
