"""JSON shapes of the API. Choice fields carry their stable codes (``plt``,
``speaker``, ``province``), never translated labels, so a response does not
depend on the client's language."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencies.models import Agency, Appointment, Official, Region
from articles.models import Article, ArticleOfficial, Event, EventKeyDate, Topic


class PageUrlField(serializers.Field):
    """The absolute URL of the object's public page."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


extend_schema_field({"type": "string", "format": "uri"})(PageUrlField)


class ArticlesUrlField(PageUrlField):
    """The absolute URL of the API list of public releases about the object."""

    def __init__(self, param: str, attr: str = "slug", **kwargs):
        self.param, self.attr = param, attr
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        query = urlencode({self.param: getattr(value, self.attr)})
        url = f"{reverse('api:article-list')}?{query}"
        return self.context["request"].build_absolute_uri(url)


# --- Short references, nested inside other objects -----------------------------


class RegionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "kind"]


class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["slug", "name", "short_name"]


class EventRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["slug", "name"]


class TopicRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name", "name_en"]


class AppointmentSerializer(serializers.ModelSerializer):
    agency = AgencyRefSerializer()
    is_acting = serializers.BooleanField()
    role_display = serializers.CharField(
        help_text='The title as written with its acting prefix, e.g. "Plt. Direktur Jenderal …".'
    )

    class Meta:
        model = Appointment
        fields = [
            "title",
            "acting",
            "is_acting",
            "role_display",
            "agency",
            "start_date",
            "end_date",
        ]


# --- Releases ------------------------------------------------------------------------


class ArticleRegionSerializer(RegionRefSerializer):
    province = RegionRefSerializer(source="parent", allow_null=True)

    class Meta(RegionRefSerializer.Meta):
        fields = [*RegionRefSerializer.Meta.fields, "province"]


class ArticleOfficialSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(source="official.slug")
    name = serializers.CharField(source="official.name")
    full_name = serializers.CharField(source="official.full_name")
    part = serializers.ChoiceField(
        source="role",
        choices=ArticleOfficial._meta.get_field("role").choices,
        help_text="The official's part in the release: speaker, attendee or mentioned.",
    )
    role = AppointmentSerializer(
        source="appointment",
        allow_null=True,
        help_text="The appointment the official held on the day of the release, if known.",
    )

    class Meta:
        model = ArticleOfficial
        fields = ["slug", "name", "full_name", "part", "role"]


class ArticleSerializer(serializers.ModelSerializer):
    url = PageUrlField(help_text="The release's public page.")
    region = serializers.SerializerMethodField()
    publisher = AgencyRefSerializer()
    officials = ArticleOfficialSerializer(source="official_links", many=True)
    events = EventRefSerializer(many=True)
    topics = TopicRefSerializer(many=True)
    body = serializers.CharField(help_text="Sanitised HTML.")

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "url",
            "title",
            "lead",
            "body",
            "status",
            "published_at",
            "event_date",
            "updated_at",
            "withdrawn_at",
            "withdrawal_reason",
            "region",
            "publisher",
            "byline",
            "venue",
            "source_name",
            "source_url",
            "photo_caption",
            "officials",
            "events",
            "topics",
        ]

    @extend_schema_field(ArticleRegionSerializer)
    def get_region(self, article: Article) -> dict:
        # The province comes from the release's own (select-related) column,
        # not from a second join on the region's parent. Plain dicts: building a
        # RegionRefSerializer per release took half the time of a 100-release
        # page (bench/api_articles.py, cProfile).
        region, province = article.region, article.province
        data = region_ref(region)
        data["province"] = None if province.pk == region.pk else region_ref(province)
        return data


def region_ref(region: Region) -> dict:
    """What ``RegionRefSerializer`` gives, without building a serializer."""
    return {"code": region.code, "name": region.name, "kind": region.kind}


# --- Reference entities --------------------------------------------------------------


class RegionSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    articles_url = ArticlesUrlField(param="region", attr="code")
    parent = RegionRefSerializer(allow_null=True, help_text="The province of a regency or city.")

    class Meta:
        model = Region
        fields = ["code", "name", "kind", "slug", "parent", "url", "articles_url"]


class AgencySerializer(serializers.ModelSerializer):
    url = PageUrlField()
    articles_url = ArticlesUrlField(param="agency")
    parent = AgencyRefSerializer(allow_null=True)
    children = AgencyRefSerializer(many=True)
    region = RegionRefSerializer(allow_null=True)
    aliases = serializers.SlugRelatedField(slug_field="alias", many=True, read_only=True)

    class Meta:
        model = Agency
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "level",
            "website",
            "region",
            "parent",
            "children",
            "aliases",
            "url",
            "articles_url",
        ]


class OfficialSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    articles_url = ArticlesUrlField(param="official")
    article_count = serializers.IntegerField(
        read_only=True, help_text="Public releases naming this official."
    )
    appointments = AppointmentSerializer(many=True)

    class Meta:
        model = Official
        fields = [
            "slug",
            "name",
            "full_name",
            "honorific_prefix",
            "honorific_suffix",
            "appointments",
            "article_count",
            "url",
            "articles_url",
        ]


class EventKeyDateSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventKeyDate
        fields = ["date", "label"]


class EventSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    articles_url = ArticlesUrlField(
        param="event", help_text="Public releases about this event or any of its sub-events."
    )
    parent = EventRefSerializer(allow_null=True)
    children = EventRefSerializer(many=True)
    region = RegionRefSerializer(allow_null=True)
    organiser = AgencyRefSerializer(allow_null=True)
    key_dates = EventKeyDateSerializer(many=True)
    aliases = serializers.SlugRelatedField(slug_field="alias", many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "slug",
            "name",
            "kind",
            "start_date",
            "end_date",
            "description",
            "region",
            "organiser",
            "parent",
            "children",
            "key_dates",
            "aliases",
            "url",
            "articles_url",
        ]


class TopicSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    articles_url = ArticlesUrlField(param="topic")
    article_count = serializers.IntegerField(
        read_only=True, help_text="Public releases on this topic."
    )

    class Meta:
        model = Topic
        fields = ["slug", "name", "name_en", "article_count", "url", "articles_url"]


class ErrorDetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
