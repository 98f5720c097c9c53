import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from ptce.public.figures import national_figures
from tests.awards.factories import draft_agreement, paid, running_agreement, schedule
from tests.poles.factories import PoleFactory

pytestmark = pytest.mark.django_db


def test_the_figures_show_the_money_granted_and_paid_per_year_and_region(pole, region, client):
    agreement = running_agreement(pole)  # signed on 1 January 2025, 100 000 €
    first, _ = schedule(
        agreement, (60000, datetime.date(2025, 3, 1)), (40000, datetime.date(2026, 3, 1))
    )
    draft_agreement(PoleFactory(region=region))  # not signed: not counted

    before = national_figures()["awards_money"]
    paid(first, amount=Decimal("59000"))  # paying renews the cached figures
    after = national_figures(region.code)["awards_money"]
    page = client.get(reverse("public:figures"))

    assert before == [{"year": 2025, "region": "Occitanie", "granted": 100000.0, "paid": 0.0}]
    assert after == [{"year": 2025, "region": "Occitanie", "granted": 100000.0, "paid": 59000.0}]
    content = page.content.decode()
    assert "Soutien de l’État\xa0: montants accordés et versés" in content
    assert "59\u202f000" in content or "59000" in content
