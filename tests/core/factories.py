import factory

from ptce.core.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", "motdepasse-de-test")

    @factory.post_generation
    def regions(obj, create, extracted, **kwargs):
        obj.save()
        if extracted:
            obj.instructor_regions.set(extracted)
