"""Resources, meetings and attachments are created once, whatever the clicks (issue 12)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ptce.cooperation.models import Meeting, MeetingAttachment, SharedResource
from tests.concurrency import once_token, sent_twice
from tests.cooperation.factories import MeetingFactory
from tests.cooperation.life import test_meetings_views, test_resources_views
from tests.cooperation.life.helpers import member_of

pytestmark = pytest.mark.django_db


def url(name, pole, *args):
    return reverse(f"cooperation:{name}", args=[pole.slug, *args])


def test_a_resource_sent_twice_is_recorded_once(client_as, pole, member):
    membership = member.pole_roles.get(pole=pole).membership
    data = test_resources_views.valid_post(membership)
    sent_twice(client_as("member"), url("resource_create", pole), data)
    assert SharedResource.objects.filter(pole=pole).count() == 1


def test_a_meeting_sent_twice_is_recorded_once_and_the_second_click_shows_it(
    client_as, pole, coordinator
):
    data = test_meetings_views.valid_post(member_of(pole), member_of(pole))
    response = sent_twice(client_as("coordinator"), url("meeting_create", pole), data)
    meeting = Meeting.objects.get()
    assert response.redirect_chain[-1][0] == url("meeting_detail", pole, meeting.pk)


def test_an_attachment_sent_twice_is_kept_once(client, pole, coordinator):
    meeting = MeetingFactory(pole=pole)
    client.force_login(coordinator)
    address = url("attachment_upload", pole, meeting.pk)
    page = url("meeting_detail", pole, meeting.pk)
    pdf = test_meetings_views.PDF
    token = once_token(client.get(page))
    for _ in range(2):
        upload = SimpleUploadedFile("cr.pdf", pdf, content_type="application/pdf")
        response = client.post(address, {"file": upload, "once": token})
        assert response.status_code == 302
    assert MeetingAttachment.objects.filter(meeting=meeting).count() == 1
