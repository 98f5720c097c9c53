from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from .forms import EmailAuthenticationForm
from .health import health
from .throttle import throttled

# Mounted with « Mon espace » (`ptce.www.dashboard`) in the `core` namespace.


def public(view):
    return login_not_required(view)


urlpatterns = [
    path(
        "connexion/",
        public(auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm)),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/oubli/",
        public(
            throttled("password_reset", "PTCE_RATE_PASSWORD_RESET")(
                auth_views.PasswordResetView.as_view(
                    success_url=reverse_lazy("core:password_reset_done"),
                    email_template_name="registration/password_reset_email.txt",
                    subject_template_name="registration/password_reset_subject.txt",
                )
            )
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        public(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        public(
            auth_views.PasswordResetConfirmView.as_view(
                success_url=reverse_lazy("core:password_reset_complete")
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/change/",
        public(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("sante/", health, name="health"),
]
