"""What the API says of each item: every field a reader sees on its page.

Long texts are the Markdown editors wrote; a detail answer adds the same
sanitised HTML the page shows (rendering Markdown costs some 2 ms a text, too
much for every item of a list). Addresses an editor typed are given only when
a reader could follow them (http and https), as on the pages. Related terms
come as {slug, name}, the slug being what the list's filter takes.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from academy.models import CourseFormat, ModuleKind
from editorial.markdown import render_markdown
from editorial.templatetags.editor_text import web_address
from practices.models import Level
from projects.models import RunningStatus


def absolute(request, url_name, *args):
    return request.build_absolute_uri(reverse(url_name, args=args))


# Pieces -----------------------------------------------------------------------


class MarkdownSerializer(serializers.Serializer):
    markdown = serializers.CharField(help_text="As the editors wrote it (Markdown).")


class MarkdownAndHtmlSerializer(MarkdownSerializer):
    html = serializers.CharField(help_text="Rendered and sanitised, as the page shows it.")


class ReadOnlyField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


@extend_schema_field(MarkdownSerializer)
class LongText(ReadOnlyField):
    """A Markdown text: {"markdown": …}."""

    def to_representation(self, value):
        return {"markdown": value}


@extend_schema_field(MarkdownAndHtmlSerializer)
class LongTextWithHtml(LongText):
    """A Markdown text and its HTML: {"markdown": …, "html": …}."""

    def to_representation(self, value):
        return {"markdown": value, "html": str(render_markdown(value))}


def with_html(serializer_class):
    """A detail serializer: `serializer_class` whose long texts also come as HTML."""
    long_texts = {
        name: LongTextWithHtml(source=field.source, help_text=field.help_text)
        for name, field in serializer_class._declared_fields.items()
        if type(field) is LongText
    }
    name = serializer_class.__name__.removesuffix("Serializer") + "DetailSerializer"
    return type(name, (serializer_class,), long_texts)


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class WebAddress(ReadOnlyField):
    """An address as a reader may follow it (http or https), else null."""

    def to_representation(self, value):
        return web_address(value) or None


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "nullable": True, "example": "2013-01"})
class Month(ReadOnlyField):
    """A date known to the month: "2013-01"."""

    def to_representation(self, value):
        return value.strftime("%Y-%m")


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="What the list's filter takes.")
    label = serializers.CharField()


@extend_schema_field(ChoiceSerializer)
class Labelled(ReadOnlyField):
    """A value of a fixed list, with its label: {"value": "local", "label": "Local"}."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"value": value, "label": str(self.labels.get(value, value))}


class TermSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="What the list's filter takes.")
    name = serializers.CharField()


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2, what the `country` filter takes.")
    name = serializers.CharField()


class RelatedList(serializers.ListSerializer):
    """A prefetched relation (or a list), in the order it was prefetched."""

    def to_representation(self, data):
        return super().to_representation(data.all() if hasattr(data, "all") else data)


def related(serializer_class=TermSerializer, **kwargs):
    return RelatedList(child=serializer_class(), read_only=True, **kwargs)


class TagList(RelatedList):
    """An item's tags by name (taggit's prefetch takes no ordered queryset)."""

    def to_representation(self, data):
        return super().to_representation(sorted(data.all(), key=lambda tag: (tag.name.casefold(), tag.pk)))


def tag_list():
    return TagList(child=TermSerializer(), read_only=True)


class ItemSerializer(serializers.Serializer):
    """An item's addresses: its page and itself in the API (`api_url_name` with `api_url_args`)."""

    api_url_name = ""

    url = serializers.SerializerMethodField(help_text="The item's page on the portal.")
    api_url = serializers.SerializerMethodField(help_text="This item in the API.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item):
        return self.context["request"].build_absolute_uri(item.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, item):
        return absolute(self.context["request"], self.api_url_name, *self.api_url_args(item))

    def api_url_args(self, item):
        return [item.slug]


# Practices --------------------------------------------------------------------


class ThemeSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="What the `theme` filter takes.")
    title = serializers.CharField()


class ReferenceSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = WebAddress()


class PracticeSerializer(ItemSerializer):
    api_url_name = "api:practice"

    slug = serializers.CharField()
    title = serializers.CharField()
    country = CountrySerializer(allow_null=True, help_text="Null for a transnational organisation.")
    place = serializers.CharField(help_text="City or region as written.")
    level = Labelled(Level.choices, help_text="Level of government.")
    promoter = serializers.CharField()
    theme = ThemeSerializer()
    types = related()
    type_text = serializers.CharField(help_text="The type as the contributor wrote it.")
    areas = related(help_text="Areas of intervention.")
    area_text = serializers.CharField(help_text="The areas of intervention as the contributor wrote them.")
    tags = tag_list()
    duration = serializers.CharField(source="duration_text", help_text="As the contributor wrote it.")
    start = Month(help_text="The month it started, when known.")
    end = Month(help_text="The month it ended, when known.")
    ongoing = serializers.BooleanField(allow_null=True, help_text="null when the source does not say.")
    purpose = LongText()
    rationale = LongText(help_text="Stimulus and rationale.")
    process = LongText()
    impact = LongText(help_text="Impact and outcomes.")
    further_information = LongText()
    references = related(ReferenceSerializer)


PracticeDetailSerializer = with_html(PracticeSerializer)


# Projects ---------------------------------------------------------------------


class ProgrammeSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="What the `programme` filter takes.")
    name = serializers.CharField()
    directorate = serializers.CharField(help_text="The European Commission's DG of reference.")
    full_wording = serializers.CharField()


class ActivitySerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()


class ResourceSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = WebAddress()


class ImpactTargetSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    counts = serializers.CharField(help_text="What the number counts.")
    wording = serializers.CharField(help_text="The target as published.")
    achieved = serializers.IntegerField(allow_null=True)
    achieved_source = serializers.CharField(help_text="Where the achieved figure comes from.")


class PartnerSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    country = CountrySerializer(allow_null=True)
    role = serializers.CharField()


class SocialLinkSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = WebAddress()


class ProjectSerializer(ItemSerializer):
    api_url_name = "api:project"

    slug = serializers.CharField()
    acronym = serializers.CharField()
    title = serializers.CharField(help_text="The full title.")
    summary = LongText()
    project_number = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    duration_in_months = serializers.IntegerField(allow_null=True, help_text="From the first to the last day.")
    status = Labelled(RunningStatus.choices, source="running_status", help_text="Where the project stands today.")
    programme = ProgrammeSerializer(allow_null=True, help_text="The funding programme.")
    categories = related()
    areas = related(help_text="Areas of intervention.")
    tags = tag_list()
    coordinator = serializers.CharField()
    contact_email = serializers.CharField()
    website = WebAddress()
    objectives = serializers.SerializerMethodField()
    activities = related(ActivitySerializer)
    resources = related(ResourceSerializer)
    impact_targets = related(ImpactTargetSerializer)
    partners = related(PartnerSerializer)
    social_links = related(SocialLinkSerializer)

    def get_objectives(self, project) -> list[str]:
        return [objective.text for objective in project.objectives.all()]


ProjectDetailSerializer = with_html(ProjectSerializer)


# The academy ------------------------------------------------------------------


class ModuleAddresses:
    """A module's addresses come from its course's slug."""

    api_url_name = "api:module"

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, module):
        return absolute(self.context["request"], "academy:module", *self.api_url_args(module))

    def api_url_args(self, module):
        return [module.course.slug, module.slug]


class ProgrammeModuleSerializer(ModuleAddresses, ItemSerializer):
    """A module as its course lists it."""

    slug = serializers.CharField()
    title = serializers.CharField()
    day = serializers.IntegerField(allow_null=True, help_text="1 to 5, in a course given over days.")
    kind = Labelled(ModuleKind.choices)
    duration_minutes = serializers.IntegerField(allow_null=True)


class CourseSerializer(ItemSerializer):
    api_url_name = "api:course"

    slug = serializers.CharField()
    title = serializers.CharField()
    format = Labelled(CourseFormat.choices)
    length = serializers.CharField()
    cost = serializers.CharField()
    certificate = serializers.CharField()
    anonymity = serializers.CharField()
    summary = LongText()
    rationale = LongText(help_text="Why take this course.")
    audience = LongText(help_text="Who should take part.")
    practical_notes = LongText()
    quiz_instructions = LongText(help_text="How the quizzes work.")
    electives_heading = serializers.CharField()
    electives_introduction = LongText()
    modules = related(ProgrammeModuleSerializer, source="published_modules", help_text="Its published modules.")


CourseDetailSerializer = with_html(CourseSerializer)


class OptionSerializer(serializers.Serializer):
    text = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    """A quiz question and the options a learner chooses from (which is right is the quiz's to tell)."""

    text = serializers.CharField()
    options = related(OptionSerializer)


class CourseReferenceSerializer(ItemSerializer):
    api_url_name = "api:course"

    slug = serializers.CharField()
    title = serializers.CharField()


class ModuleSerializer(ModuleAddresses, ItemSerializer):
    slug = serializers.CharField(help_text="Unique within its course.")
    title = serializers.CharField()
    course = CourseReferenceSerializer()
    day = serializers.IntegerField(allow_null=True, help_text="1 to 5, in a course given over days.")
    kind = Labelled(ModuleKind.choices)
    duration_minutes = serializers.IntegerField(allow_null=True)
    summary = LongText()
    video_url = WebAddress()
    guide_section = serializers.CharField(help_text="The section of the guide it follows.")
    areas = related(help_text="Areas of intervention.")
    tags = tag_list()
    questions = related(QuestionSerializer, source="quiz", help_text="Its quiz's questions, in order.")


ModuleDetailSerializer = with_html(ModuleSerializer)
