from django.urls import include, path

app_name = "calls"

# One file per side: public call pages, the applicant, the instruction, lists and exports.
urlpatterns = [
    path("", include("ptce.calls.urls_public")),
    path("", include("ptce.calls.urls_applicant")),
    path("", include("ptce.calls.urls_instruction")),
    path("", include("ptce.calls.urls_lists")),
]
