"""Steps 2 and 3: needs and topics, the matrix, the action plan, actions and the plan's exports;
and the stage tracker.

Every path here is relative to a pole's address (`poles/<pole:slug>/`, mounted by
`cooperation.urls`).
"""

from django.urls import path

from . import views, views_actions

pole_urlpatterns = [
    # Step 2
    path("besoins/", views.needs, name="needs"),
    path("besoins/ajouter/", views.need_form, name="need_add"),
    path("besoins/<int:pk>/", views.need_form, name="need_edit"),
    path("besoins/<int:pk>/supprimer/", views.need_remove, name="need_delete"),
    path("sujets/", views.topics, name="topics"),
    path("sujets/ajouter/", views.topic_form, name="topic_add"),
    path("sujets/<int:pk>/", views.topic_form, name="topic_edit"),
    path("sujets/<int:pk>/supprimer/", views.topic_remove, name="topic_delete"),
    path("matrice/", views.matrix, name="matrix"),
    # Step 3
    path("plan/", views_actions.plan, name="plan"),
    path("plan.pdf", views_actions.plan_pdf, name="plan_pdf"),
    path("plan.xlsx", views_actions.plan_xlsx, name="plan_xlsx"),
    path("plan/objectifs/ajouter/", views_actions.objective_form, name="objective_add"),
    path("plan/objectifs/<int:pk>/", views_actions.objective_form, name="objective_edit"),
    path(
        "plan/objectifs/<int:pk>/supprimer/",
        views_actions.objective_remove,
        name="objective_delete",
    ),
    path("actions/", views_actions.actions, name="actions"),
    path("actions/ajouter/", views_actions.action_form, name="action_add"),
    path("actions/<int:pk>/", views_actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/modifier/", views_actions.action_form, name="action_edit"),
    path("actions/<int:pk>/supprimer/", views_actions.action_remove, name="action_delete"),
    # Stage tracker
    path("gerer/etapes/", views.stages, name="stages"),
]
