"""The three key steps: joining, needs and topics, the matrix, the action plan and actions.

Included at the site root by `cooperation.urls` (namespace "cooperation"): every path names
its full address.
"""

from django.urls import path

from . import views_actions, views_join, views_plan

P = "poles/<slug:slug>/"

urlpatterns = [
    # Step 1
    path("poles/emergents/", views_join.emerging, name="emerging_poles"),
    path(P + "rejoindre/", views_join.join, name="join"),
    path(P + "rejoindre/merci/", views_join.join_done, name="join_done"),
    path(P + "gerer/demandes/", views_join.join_requests, name="join_requests"),
    path(P + "gerer/demandes/<int:pk>/", views_join.join_request_detail, name="join_request"),
    path(
        P + "gerer/demandes/<int:pk>/refuser/",
        views_join.join_request_decline_view,
        name="join_request_decline",
    ),
    # Step 2
    path(P + "besoins/", views_plan.needs, name="needs"),
    path(P + "besoins/ajouter/", views_plan.need_form, name="need_add"),
    path(P + "besoins/<int:pk>/", views_plan.need_form, name="need_edit"),
    path(P + "besoins/<int:pk>/supprimer/", views_plan.need_remove, name="need_delete"),
    path(P + "sujets/", views_plan.topics, name="topics"),
    path(P + "sujets/ajouter/", views_plan.topic_form, name="topic_add"),
    path(P + "sujets/<int:pk>/", views_plan.topic_form, name="topic_edit"),
    path(P + "sujets/<int:pk>/supprimer/", views_plan.topic_remove, name="topic_delete"),
    path(P + "matrice/", views_plan.matrix, name="matrix"),
    # Step 3
    path(P + "plan/", views_actions.plan, name="plan"),
    path(P + "plan.pdf", views_actions.plan_pdf, name="plan_pdf"),
    path(P + "plan.xlsx", views_actions.plan_xlsx, name="plan_xlsx"),
    path(P + "plan/objectifs/ajouter/", views_actions.objective_form, name="objective_add"),
    path(P + "plan/objectifs/<int:pk>/", views_actions.objective_form, name="objective_edit"),
    path(
        P + "plan/objectifs/<int:pk>/supprimer/",
        views_actions.objective_remove,
        name="objective_delete",
    ),
    path(P + "actions/", views_actions.actions, name="actions"),
    path(P + "actions/ajouter/", views_actions.action_form, name="action_add"),
    path(P + "actions/<int:pk>/", views_actions.action_detail, name="action_detail"),
    path(P + "actions/<int:pk>/modifier/", views_actions.action_form, name="action_edit"),
    path(P + "actions/<int:pk>/supprimer/", views_actions.action_remove, name="action_delete"),
    # Stage tracker
    path(P + "gerer/etapes/", views_plan.stages, name="stages"),
]
