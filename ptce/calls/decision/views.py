"""The decision letter's download: the pole's coordinators, the instructors of the région the
file is instructed in, the national cell and admins (`perms.can_view`); 404 for anyone else,
and while the letter is being built."""

from django.http import Http404
from django.views.decorators.http import require_GET

from ptce.core.files import private_file_response

from .. import perms
from .selectors import letter_for


@require_GET
def decision_letter(request, pk):
    application = perms.get_application_for_user(request, pk, need="view")
    letter = letter_for(application)
    if letter is None:
        raise Http404("La lettre de décision n’est pas encore établie.")
    return private_file_response(letter)
