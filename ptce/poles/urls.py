from django.urls import include, path

from . import views, views_handover, views_manage, views_members

# A pole's address, owned here: every app mounts its pole pages with `pole_pages`, so they all
# read the slug with the `pole` converter, which never takes a reserved word (`slugs.py`).
POLE = "poles/<pole:slug>/"


def pole_pages(patterns) -> object:
    """`poles/<pole:slug>/` + each of `patterns` (routes relative to a pole's address)."""
    return path(POLE, include(patterns))


# Mounted with the pole pages of the web layer (`ptce.www.poles`) in the `poles` namespace.
urlpatterns = [
    path("", views.directory, name="directory"),
    path("creer/", views.create, name="create"),
    # Under the reserved word `creer`: no pole's address can shadow it.
    path(
        "creer/pour-un-coordinateur/",
        views_handover.create_for_coordinator,
        name="create_for_coordinator",
    ),
    path("invitation/<str:token>/", views_members.invitation, name="invitation"),
    path("<pole:slug>/gerer/profil/", views_manage.edit, name="edit"),
    path("<pole:slug>/gerer/territoire/", views_manage.territory, name="territory"),
    path("<pole:slug>/gerer/lieux/", views_manage.places, name="places"),
    path("<pole:slug>/gerer/lieux/ajouter/", views_manage.place_form, name="place_add"),
    path("<pole:slug>/gerer/lieux/<int:pk>/", views_manage.place_form, name="place_edit"),
    path(
        "<pole:slug>/gerer/lieux/<int:pk>/supprimer/",
        views_manage.place_remove,
        name="place_remove",
    ),
    path("<pole:slug>/gerer/membres/", views_members.members, name="members"),
    path(
        "<pole:slug>/gerer/membres/ajouter/", views_members.membership_add_view, name="member_add"
    ),
    path(
        "<pole:slug>/gerer/membres/<int:pk>/",
        views_members.membership_edit,
        name="membership_edit",
    ),
    path(
        "<pole:slug>/gerer/membres/<int:pk>/retirer/",
        views_members.membership_remove,
        name="membership_remove",
    ),
    path("<pole:slug>/gerer/personnes/", views_members.people, name="people"),
    path(
        "<pole:slug>/gerer/personnes/<int:pk>/retirer/",
        views_members.person_delete,
        name="person_remove",
    ),
    path(
        "<pole:slug>/gerer/invitations/<int:pk>/annuler/",
        views_members.invitation_delete,
        name="invitation_cancel",
    ),
    path("<pole:slug>/gerer/historique/", views_manage.history, name="history"),
]
