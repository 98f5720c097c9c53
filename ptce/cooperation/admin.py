from django.contrib import admin

from ptce.core.admin import PublicDataAdmin

from .models import (
    ActionFunding,
    CooperationAction,
    JoinRequest,
    Meeting,
    MeetingAttachment,
    SharedResource,
    StrategicObjective,
    TerritoryNeed,
    Topic,
    TopicNeedLink,
)


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "pole", "status", "contact_email", "created_at"]
    list_filter = ["status"]
    search_fields = ["organisation_name", "siret", "contact_email", "pole__name"]
    raw_id_fields = ["pole", "commune", "organisation", "decided_by"]
    date_hierarchy = "created_at"


@admin.register(TerritoryNeed)
class TerritoryNeedAdmin(admin.ModelAdmin):
    list_display = ["title", "pole", "theme", "is_covered_elsewhere", "is_public"]
    list_filter = ["is_covered_elsewhere", "is_public"]
    search_fields = ["title", "theme", "pole__name"]
    raw_id_fields = ["pole", "proposed_by"]


class TopicNeedLinkInline(admin.TabularInline):
    model = TopicNeedLink
    extra = 0
    raw_id_fields = ["need", "marked_by"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "pole", "created_at"]
    search_fields = ["title", "pole__name"]
    raw_id_fields = ["pole", "proposed_by"]
    inlines = [TopicNeedLinkInline]


@admin.register(StrategicObjective)
class StrategicObjectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "pole", "position"]
    search_fields = ["title", "pole__name"]
    raw_id_fields = ["pole"]


class ActionFundingInline(admin.TabularInline):
    model = ActionFunding
    extra = 0


@admin.register(CooperationAction)
class CooperationActionAdmin(PublicDataAdmin, admin.ModelAdmin):
    list_display = ["title", "pole", "action_type", "status", "in_action_plan", "is_public"]
    list_filter = ["action_type", "status", "in_action_plan", "is_public", "ess_statute"]
    search_fields = ["title", "pole__name"]
    raw_id_fields = ["pole", "objective", "topic", "lead", "participants", "needs"]
    inlines = [ActionFundingInline]


@admin.register(SharedResource)
class SharedResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "pole", "kind", "category", "is_active"]
    list_filter = ["kind", "category", "is_active"]
    search_fields = ["title", "pole__name"]
    raw_id_fields = ["pole", "membership", "created_by"]


class MeetingAttachmentInline(admin.TabularInline):
    model = MeetingAttachment
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_at"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "pole", "kind", "starts_at"]
    # A date filter (today, past 7 days, this month, this year), not a date hierarchy: its
    # navigation read the distinct years of 99,000 meetings on every page at ten times France,
    # 40 ms of the list's 140 (issue #18).
    list_filter = ["kind", ("starts_at", admin.DateFieldListFilter)]
    search_fields = ["title", "pole__name"]
    raw_id_fields = ["pole", "attendees", "created_by"]
    inlines = [MeetingAttachmentInline]
    # 99,000 meetings at ten times France: the list counts them once, not again for « N au total »,
    # and shows 50 rows a page, not 100: the admin's rendering of a row, not the database, is
    # then the list's cost.
    show_full_result_count = False
    list_per_page = 50
