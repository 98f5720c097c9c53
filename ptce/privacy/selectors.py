"""A person's data, as they download it from « Mes données » (RGPD right of access)."""

from django.apps import apps
from django.utils import timezone

from ptce.assessments.models import Rater
from ptce.calls.models import Annotation, Message
from ptce.cooperation.models import JoinRequest, SavedSearch
from ptce.poles.models import Invitation, PolePerson


def history_models() -> list:
    """Every django-simple-history model: they all carry `history_user`."""
    return [
        model
        for model in apps.get_models()
        if any(field.name == "history_user" for field in model._meta.fields)
    ]


def _when(value):
    return value.isoformat() if value else None


def _account(user) -> dict:
    return {
        "adresse_electronique": user.email,
        "prenom": user.first_name,
        "nom": user.last_name,
        "service_ou_organisme": user.organisation_label,
        "inscription": _when(user.date_joined),
        "derniere_connexion": _when(user.last_login),
        "actif": user.is_active,
    }


def _roles(user) -> dict:
    return {
        "administration_de_la_plateforme": user.is_superuser,
        "instruction": user.is_instructor,
        "cellule_nationale": user.is_national_instructor,
        "regions_instruites": sorted(region.name for region in user.instructor_regions.all()),
    }


def _pole_people(user) -> list[dict]:
    rows = PolePerson.objects.filter(user=user).select_related("pole", "membership__organisation")
    return [
        {
            "pole": row.pole.name,
            "role": row.get_role_display(),
            "pour_l_organisation": row.membership.organisation.name if row.membership else None,
            "depuis": _when(row.created_at),
        }
        for row in rows.order_by("pole__name")
    ]


def _sheets(user) -> list[dict]:
    raters = (
        Rater.objects.filter(user=user)
        .select_related("evaluation__pole")
        .prefetch_related("answers__criterion", "answers__files")
        .order_by("evaluation__created_at", "pk")
    )
    return [
        {
            "evaluation": rater.evaluation.title,
            "pole": rater.evaluation.pole.name,
            "nom": rater.name,
            "adresse_electronique": rater.email,
            "envoyee": _when(rater.submitted_at),
            "reponses": [
                {
                    "critere": answer.criterion.letter,
                    "note": answer.score,
                    "observation": answer.observation,
                    "liens_vers_des_preuves": answer.evidence_links,
                    "piste_d_amelioration": answer.improvement,
                    "pieces_justificatives": [file.original_name for file in answer.files.all()],
                }
                for answer in sorted(rater.answers.all(), key=lambda a: a.criterion.letter)
            ],
        }
        for rater in raters
    ]


def _saved_searches(user) -> list[dict]:
    return [
        {
            "nom": row.name,
            "recherche": row.query,
            "alerte_hebdomadaire": row.alert,
            "dernier_envoi": _when(row.last_sent_at),
            "enregistree_le": _when(row.created_at),
        }
        for row in SavedSearch.objects.filter(owner=user).order_by("created_at", "pk")
    ]


def _writings(model, user) -> list[dict]:
    return [
        {"candidature": row.application_id, "date": _when(row.created_at), "texte": row.body}
        for row in model.objects.filter(author=user).order_by("created_at", "pk")
    ]


def _history(user) -> list[dict]:
    entries = []
    for model in history_models():
        for record in model.objects.filter(history_user=user).order_by("history_date"):
            entries.append(
                {
                    "objet": str(model.instance_type._meta.verbose_name),
                    "identifiant": getattr(record, record.instance_type._meta.pk.attname),
                    "modification": record.get_history_type_display(),
                    "date": _when(record.history_date),
                }
            )
    return sorted(entries, key=lambda entry: entry["date"])


def _addressed_to(user) -> dict:
    """What others wrote with this person's address: invitations, join requests."""
    invitations = Invitation.objects.filter(email__iexact=user.email).select_related("pole")
    requests = JoinRequest.objects.filter(contact_email__iexact=user.email).select_related("pole")
    return {
        "invitations_recues": [
            {
                "pole": row.pole.name,
                "role": row.get_role_display(),
                "envoyee": _when(row.created_at),
                "acceptee": _when(row.accepted_at),
            }
            for row in invitations
        ],
        "demandes_d_adhesion": [
            {
                "pole": row.pole.name,
                "organisation": row.organisation_name,
                "personne_a_contacter": row.contact_name,
                "etat": row.get_status_display(),
                "date": _when(row.created_at),
            }
            for row in requests
        ],
    }


def person_data(user) -> dict:
    """Everything the platform keeps about `user` as a person: their account, roles, pole
    roles, observation sheets, messages and notes, history entries they authored, and what was
    addressed to their email. Nobody else's data: only rows tied to this user or address."""
    return {
        "exporte_le": timezone.now().isoformat(),
        "compte": _account(user),
        "roles": _roles(user),
        "poles": _pole_people(user),
        "feuilles_d_observation": _sheets(user),
        "messages": _writings(Message, user),
        "annotations": _writings(Annotation, user),
        "recherches_enregistrees": _saved_searches(user),
        "historique": _history(user),
        **_addressed_to(user),
    }
