from django.urls import path

from . import views, views_proposer

app_name = "organisations"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/proposer/", views.propose, name="propose"),
    path(
        "<int:pk>/propositions/<int:proposal_pk>/accepter/",
        views.proposal_accept_view,
        name="proposal_accept",
    ),
    path(
        "<int:pk>/propositions/<int:proposal_pk>/refuser/",
        views.proposal_decline_view,
        name="proposal_decline",
    ),
    path(
        "<int:pk>/propositions/<int:proposal_pk>/retirer/",
        views_proposer.proposal_withdraw_view,
        name="proposal_withdraw",
    ),
]
