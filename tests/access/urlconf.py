"""Every named URL pattern of the site, admin excluded, with its parameters."""

from django.urls import URLPattern, URLResolver, get_resolver

EXCLUDED_NAMESPACES = {"admin"}


def url_patterns(resolver=None, namespaces=()):
    """{`namespace:name`: [parameter names]} of every URL pattern, walking includes."""
    found = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            if EXCLUDED_NAMESPACES.isdisjoint(inner):
                nested = url_patterns(entry, inner)
                prefix = list(entry.pattern.converters)
                found.update({name: prefix + params for name, params in nested.items()})
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name or f"<sans nom {entry.pattern}>"))
            found[name] = list(entry.pattern.converters) or list(entry.pattern.regex.groupindex)
    return found
