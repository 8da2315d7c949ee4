"""Admin forms carrying the editorial rules: who may publish, when a quote counts as reviewed."""

from django import forms
from django.utils import timezone

from ..models import Article, Quote

QUOTE_STATUS_HELP = (
    "Confirmed and rejected quotes stay exactly as you leave them when the importer runs "
    "again; extracted ones are replaced. Changing the words or the speaker of an extracted "
    "quote confirms it."
)


class ParagraphsField(forms.CharField):
    """Text that may hold several paragraphs, with the browser's CRLF line ends made LF.

    Browsers submit a textarea's line breaks as "\r\n"; compared with the
    stored "\n\n" every multi-paragraph quote would look edited (and be
    confirmed) whenever an editor saved the article for another reason.
    """

    widget = forms.Textarea

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class BlockForm(forms.ModelForm):
    class Meta:
        fields = ["position", "kind", "text"]
        field_classes = {"text": ParagraphsField}


class CorrectionForm(forms.ModelForm):
    class Meta:
        fields = ["created_at", "text"]
        field_classes = {"text": ParagraphsField}


class ArticleAdminForm(forms.ModelForm):
    """The article change form.

    ``can_publish`` is set by ``ArticleAdmin.get_form`` from the user's
    permissions, so the same rule holds for the change form and for reverting
    to an old version from the history screen.
    """

    can_publish = False

    class Meta:
        model = Article
        fields = [
            "headline",
            "headline_needs_review",
            "slug",
            "standfirst",
            "status",
            "published_at",
            "byline",
            "publication",
            "tags",
            "people",
            "organisations",
        ]
        widgets = {"headline": forms.TextInput(attrs={"size": 90})}
        field_classes = {"standfirst": ParagraphsField}

    def clean(self):
        cleaned = super().clean()
        headline_rewritten = (
            self.instance.pk
            and "headline" in self.changed_data
            and "headline_needs_review" not in self.changed_data
        )
        if headline_rewritten:
            # Writing a new headline is the review the flag asks for.
            cleaned["headline_needs_review"] = False
        if not self.can_publish:
            self._refuse_publishing(cleaned)
        if cleaned.get("status") == Article.Status.PUBLISHED:
            if cleaned.get("headline_needs_review"):
                self.add_error(
                    "headline_needs_review",
                    "The headline is still the importer's provisional one: write the real "
                    "headline (or untick this box) before publishing.",
                )
            if not cleaned.get("published_at"):
                cleaned["published_at"] = timezone.now()
        return cleaned

    def _refuse_publishing(self, cleaned):
        was_published = self.initial.get("status") == Article.Status.PUBLISHED
        publishes = cleaned.get("status") == Article.Status.PUBLISHED
        if publishes and not was_published:
            self.add_error(
                "status",
                "You do not have permission to publish: choose “In review” and an editor "
                "will publish it.",
            )
        elif was_published and not publishes:
            self.add_error("status", "You do not have permission to unpublish articles.")
        elif was_published and "published_at" in self.changed_data:
            self.add_error(
                "published_at", "You do not have permission to change a publication date."
            )


class QuoteReviewForm(forms.ModelForm):
    """Quote form for the review queue and the article's quote inline.

    An editor who rewrites an extracted quote or gives it another speaker has
    reviewed it, so it becomes ``confirmed`` unless they chose a status
    themselves; a quote added by hand is confirmed too. Either way the importer
    leaves it alone from then on.
    """

    ATTRIBUTION_FIELDS = ("text", "speaker_person", "speaker_organisation", "kind")

    class Meta:
        model = Quote
        fields = [
            "article",
            "text",
            "speaker_person",
            "speaker_organisation",
            "kind",
            "verb",
            "status",
        ]
        help_texts = {"status": QUOTE_STATUS_HELP}
        field_classes = {"text": ParagraphsField}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") != Quote.Status.EXTRACTED or "status" in self.changed_data:
            return cleaned
        edited = any(name in self.changed_data for name in self.ATTRIBUTION_FIELDS)
        if edited or self.instance.pk is None:
            cleaned["status"] = Quote.Status.CONFIRMED
        return cleaned
