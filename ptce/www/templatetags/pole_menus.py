"""The side menus of a pole's spaces, declared once here and drawn by `partials/sidemenu.html`.

`{% pole_menu "manage" %}` in a template whose context has `pole` and `tab` (the current item).
Items with no key are plain links to another space (never shown as the current page).
"""

from django import template
from django.urls import reverse

register = template.Library()

MANAGE = (
    ("overview", "Tableau de bord", "poles:manage"),
    ("edit", "Profil du pôle", "poles:edit"),
    ("territory", "Territoire", "poles:territory"),
    ("places", "Lieux", "poles:places"),
    ("members", "Organisations membres", "poles:members"),
    ("people", "Personnes et invitations", "poles:people"),
    ("stages", "Étapes clés", "cooperation:stages"),
    ("join_requests", "Demandes d’adhésion", "cooperation:join_requests"),
    ("", "Besoins, sujets et plan d’action", "cooperation:plan"),
    ("evaluations", "Évaluations ECARTS", "assessments:evaluation_list"),
    ("", "Candidatures aux appels de l’État", "calls:pole_applications"),
    ("", "Conventions de soutien", "awards:pole_agreements"),
    ("history", "Historique", "poles:history"),
    ("animation", "Animation", "cooperation:animation"),
    ("", "Réunions et événements", "cooperation:meetings"),
)
PLAN = (
    ("needs", "Besoins du territoire", "cooperation:needs"),
    ("topics", "Sujets à co-construire", "cooperation:topics"),
    ("matrix", "Matrice sujets × besoins", "cooperation:matrix"),
    ("plan", "Plan d’action", "cooperation:plan"),
    ("actions", "Actions de coopération", "cooperation:actions"),
)
MANAGE_WITH_PLAN = tuple(
    item for entry in MANAGE for item in (PLAN if entry[2] == "cooperation:plan" else (entry,))
)
LIFE = (
    ("resources", "Ressources partagées", "cooperation:resources"),
    ("matches", "Correspondances suggérées", "cooperation:resource_matches"),
    ("meetings", "Réunions et événements", "cooperation:meetings"),
    ("network", "Réseau de coopération", "cooperation:network"),
)
LIFE_COORDINATION = (("", "Animation (coordination)", "cooperation:animation"),)


def _menu(menu_id, title, pole, entries):
    items = [
        {"key": key, "label": label, "url": reverse(name, args=[pole.slug])}
        for key, label, name in entries
    ]
    return {
        "id": menu_id,
        "title": title,
        "title_url": "",
        "button": "Dans cette rubrique",
        "items": items,
    }


@register.inclusion_tag("partials/sidemenu.html", takes_context=True)
def pole_menu(context, name: str):
    pole = context["pole"]
    if name == "manage":
        menu = _menu("menu-gestion", pole.name, pole, MANAGE)
    elif name == "plan" and context.get("can_manage"):
        # The coordinator reaches the plan from their own menu: they keep it, the plan's pages
        # in place of its « Besoins, sujets et plan d'action » link.
        menu = _menu("menu-gestion", pole.name, pole, MANAGE_WITH_PLAN)
    elif name == "plan":
        menu = _menu("menu-plan", "Co-construire et agir", pole, PLAN)
    elif name == "life":
        extra = LIFE_COORDINATION if context.get("can_manage_life") else ()
        menu = _menu("menu-vie", "Vie du pôle", pole, LIFE + extra)
    else:
        raise template.TemplateSyntaxError(f"Menu inconnu : {name}")
    return {"menu": menu, "current": context.get("tab")}
