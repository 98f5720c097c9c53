import factory

from ptce.territories.models import Commune, Departement, Epci, Region
from ptce.territories.text import normalize


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "76"
    name = "Occitanie"
    search_name = factory.LazyAttribute(lambda o: normalize(o.name))


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ["code"]

    code = "31"
    name = "Haute-Garonne"
    search_name = factory.LazyAttribute(lambda o: normalize(o.name))
    region = factory.SubFactory(RegionFactory)


class EpciFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Epci
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"2{n:08d}")
    name = factory.Sequence(lambda n: f"Communauté de communes n° {n}")
    search_name = factory.LazyAttribute(lambda o: normalize(o.name))
    nature = "CC"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"31{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    search_name = factory.LazyAttribute(lambda o: normalize(o.name))
    postal_codes = "31000"
    population = 1000
    departement = factory.SubFactory(DepartementFactory)
    region = factory.LazyAttribute(lambda o: o.departement.region)
    latitude = 43.6
    longitude = 1.44
