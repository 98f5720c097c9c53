"""The saved searches of the directory (site-level paths)."""

from django.urls import path

from . import views

urlpatterns = [
    path("mes-recherches/", views.saved_searches, name="saved_searches"),
    path("mes-recherches/enregistrer/", views.saved_search_create, name="saved_search_create"),
    path(
        "mes-recherches/<int:pk>/renommer/", views.saved_search_rename, name="saved_search_rename"
    ),
    path("mes-recherches/<int:pk>/alerte/", views.saved_search_alert, name="saved_search_alert"),
    path(
        "mes-recherches/<int:pk>/supprimer/", views.saved_search_delete, name="saved_search_delete"
    ),
    path(
        "mes-recherches/desabonnement/<str:token>/",
        views.saved_search_unsubscribe,
        name="saved_search_unsubscribe",
    ),
    path(
        "mes-recherches/desabonnement/toutes/<str:token>/",
        views.saved_search_alerts_unsubscribe,
        name="saved_search_alerts_unsubscribe",
    ),
]
