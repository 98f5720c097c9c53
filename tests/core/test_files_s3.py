"""Private files on an S3-compatible object storage: moto's S3 server on loopback stands in for
the provider (no internet). Uploads go through the views, downloads through the permission
checks, and nothing in the bucket is readable by the public."""

import socket
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from ptce.cooperation.models import MeetingAttachment
from ptce.poles.models import Pole
from tests.cooperation.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% compte rendu confidentiel\n%%EOF\n"
BUCKET = "ptce-prive"
CREDENTIALS = {"access_key": "essai", "secret_key": "essai-secret", "region_name": "eu-west-3"}
PUBLIC_GRANTEES = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


@pytest.fixture(scope="session")
def s3_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region_name"],
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
                **CREDENTIALS,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def meeting(pole):
    return MeetingFactory(pole=pole, title="Comité de pilotage")


def _upload(client, pole, meeting):
    url = reverse("cooperation:attachment_upload", args=[pole.slug, meeting.pk])
    return client.post(url, {"file": SimpleUploadedFile("compte-rendu.pdf", PDF)})


def _download_url(pole, meeting, attachment):
    return reverse("cooperation:attachment_download", args=[pole.slug, meeting.pk, attachment.pk])


def test_an_upload_through_the_view_lands_in_the_private_bucket_not_on_disk(
    client, coordinator, pole, meeting, bucket, private_media
):
    client.force_login(coordinator)

    response = _upload(client, pole, meeting)

    assert response.status_code == 302
    attachment = MeetingAttachment.objects.get()
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [attachment.file.name]
    assert bucket.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read() == PDF
    assert not private_media.exists()


def test_a_member_downloads_the_file_streamed_through_the_permission_view(
    client, coordinator, member, pole, meeting, bucket
):
    client.force_login(coordinator)
    _upload(client, pole, meeting)
    client.force_login(member)

    response = client.get(_download_url(pole, meeting, MeetingAttachment.objects.get()))

    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Length"] == str(len(PDF))
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="compte-rendu.pdf"' in response["Content-Disposition"]


def test_a_stranger_gets_404_for_the_file_of_an_unpublished_pole(
    client, coordinator, outsider, pole, meeting, bucket
):
    client.force_login(coordinator)
    _upload(client, pole, meeting)
    Pole.objects.filter(pk=pole.pk).update(is_published=False)
    client.force_login(outsider)

    response = client.get(_download_url(pole, meeting, MeetingAttachment.objects.get()))

    assert response.status_code == 404
    assert PDF not in response.content


def test_the_stored_object_grants_nothing_to_the_public(client, coordinator, pole, meeting, bucket):
    client.force_login(coordinator)
    _upload(client, pole, meeting)
    key = MeetingAttachment.objects.get().file.name

    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]

    assert grants
    assert not [g for g in grants if g["Grantee"].get("URI") in PUBLIC_GRANTEES]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]


def test_with_signed_urls_the_view_redirects_to_a_short_lived_signed_address(
    client, coordinator, member, pole, meeting, bucket, settings, s3_endpoint
):
    settings.PTCE_PRIVATE_SIGNED_URLS = True
    client.force_login(coordinator)
    _upload(client, pole, meeting)
    client.force_login(member)

    response = client.get(_download_url(pole, meeting, MeetingAttachment.objects.get()))

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = response["Location"]
    query = parse_qs(urlsplit(location).query)
    assert location.startswith(s3_endpoint + "/")
    assert query["X-Amz-Expires"] == [str(settings.PTCE_PRIVATE_URL_SECONDS)]
    assert "X-Amz-Signature" in query
    assert "compte-rendu.pdf" in query["response-content-disposition"][0]
    with urlopen(location) as signed:  # noqa: S310 (the loopback test server)
        assert signed.read() == PDF


def test_with_signed_urls_a_stranger_still_gets_404_and_no_address(
    client, coordinator, outsider, pole, meeting, bucket, settings
):
    settings.PTCE_PRIVATE_SIGNED_URLS = True
    client.force_login(coordinator)
    _upload(client, pole, meeting)
    Pole.objects.filter(pk=pole.pk).update(is_published=False)
    client.force_login(outsider)

    response = client.get(_download_url(pole, meeting, MeetingAttachment.objects.get()))

    assert response.status_code == 404
    assert "Location" not in response


def test_the_health_check_writes_reads_and_deletes_a_probe_in_the_bucket(client, bucket):
    response = client.get(reverse("core:health"))

    assert response.status_code == 200
    assert response.json()["verifications"]["stockage"] == {"statut": "ok"}
    assert bucket.list_objects_v2(Bucket=BUCKET).get("Contents", []) == []
