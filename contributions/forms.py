"""The contributor's forms (the compendium's template, reference links, answers, signing in) and the review form.

A draft is saved whatever is missing: each field is only read as what it is
(a month, a country of the list, text that fits its column). Sending for
review then asks for everything the compendium needs, with a message beside
each field that lacks it; the draft keeps what was typed meanwhile.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from contributions.models import State, Submission
from editorial.editing import MonthField
from editorial.translation import page_language
from practices.models import Level
from vocabulary.models import Area, Country, PracticeType, Theme

# A field people never see (hidden by the stylesheet); programs that fill every field fill it.
HONEYPOT = "website"


def one_line(text):
    """A one-line field's text with its runs of spaces, tabs and line breaks made single spaces."""
    return " ".join(text.split())


def honeypot_filled(data):
    return bool(data.get(HONEYPOT, "").strip())


# What sending for review asks of each field left empty.
MISSING = {
    "title": _("Give the practice its title."),
    "theme": _("Choose the theme the practice belongs to."),
    "level": _("Choose the level of government."),
    "duration_text": _("Say how long the practice runs, in your own words."),
    "purpose": _("Describe the practice's purpose."),
    "rationale": _("Describe what prompted the practice, and why."),
    "process": _("Describe how the practice was carried out."),
    "impact": _("Describe the practice's impact."),
    "contact_name": _("Name the contact person."),
    "contact_organisation": _("Name the organisation contributing the practice."),
    "contact_email": _("Give the contact person's e-mail address."),
}

# The template's parts, as the form shows them: (heading, fields).
SECTIONS = [
    (_("The practice"), ["language", "title", "theme", "country", "place", "level"]),
    (_("What it is"), ["areas", "area_other", "types", "type_other"]),
    (_("When"), ["duration_text", "start", "end", "ongoing"]),
    (_("Description"), ["purpose", "rationale", "process", "impact", "further_information"]),
]
CONTACT_SECTION = (_("Contact"), ["contact_name", "contact_organisation", "contact_email"])

MARKDOWN_HELP = _("Paragraphs, lists (lines starting with -) and links are kept; *italic* and **bold** too.")


class SubmissionForm(forms.ModelForm):
    start = MonthField(label=_("Start month"), required=False, help_text=_("YYYY-MM, for example 2021-09."))
    end = MonthField(label=_("End month"), required=False, help_text=_("YYYY-MM; leave empty if it is still running."))

    class Meta:
        model = Submission
        fields = [
            "language", "title", "theme", "country", "place", "level", "areas", "area_other", "types", "type_other",
            "duration_text", "start", "end", "ongoing", "purpose", "rationale", "process", "impact",
            "further_information", "contact_name", "contact_organisation", "contact_email", "consent",
        ]  # fmt: skip
        # The model's names, which comments name too, except where a sentence says it better.
        labels = {
            "title": _("Title of the practice"),
            "theme": _("Theme"),
            "country": _("Country"),
            "purpose": _("Purpose"),
            "process": _("Process"),
            "ongoing": _("The practice is still running"),
            "consent": _(
                "The organisation agrees that the Council of Europe publishes this practice, "
                "with the organisation's name, in the compendium and on this portal."
            ),
        }
        help_texts = {
            "language": _("Write in English or in French: editors add the other language later."),
            "title": _("The name of the policy, project or activity, without the place."),
            "place": _("Where the practice happens, when it is local or regional."),
            "areas": _("Tick every area the practice works in."),
            "types": _("Tick every type that describes it."),
            "duration_text": _("For example “Since 2019” or “September 2020 to June 2023”."),
            "purpose": format_lazy("{}{}", _("What the practice sets out to do. "), MARKDOWN_HELP),
            "rationale": format_lazy("{}{}", _("What prompted it, and why this approach. "), MARKDOWN_HELP),
            "process": format_lazy("{}{}", _("How it was done: steps, partners, resources. "), MARKDOWN_HELP),
            "impact": format_lazy("{}{}", _("What changed, with figures where you have them. "), MARKDOWN_HELP),
            "further_information": format_lazy("{}{}", _("Anything else readers should know. "), MARKDOWN_HELP),
            "contact_name": _("Not published: the editors write to this person with questions."),
            "contact_organisation": _("Published with the practice, as its contributor."),
            "contact_email": _("Not published."),
        }
        widgets = {
            "language": forms.RadioSelect,
            "areas": forms.CheckboxSelectMultiple,
            "types": forms.CheckboxSelectMultiple,
            "purpose": forms.Textarea(attrs={"rows": 6}),
            "rationale": forms.Textarea(attrs={"rows": 6}),
            "process": forms.Textarea(attrs={"rows": 8}),
            "impact": forms.Textarea(attrs={"rows": 6}),
            "further_information": forms.Textarea(attrs={"rows": 4}),
            "contact_email": forms.EmailInput,
        }

    def __init__(self, *args, sending=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sending = sending
        for field in self.fields.values():
            field.required = False  # a draft may lack anything; sending checks (clean)
        if not self.instance.pk:
            self.initial["language"] = page_language()  # a new practice: offered in the page's language
        self.fields["theme"].queryset = Theme.objects.order_by("position")
        self.fields["theme"].empty_label = _("Choose a theme")
        self.fields["country"].queryset = Country.objects.order_by("name")
        self.fields["country"].empty_label = _("Choose a country")
        self.fields["level"].choices = [("", _("Choose a level")), *Level.choices]
        self.fields["areas"].queryset = Area.objects.order_by("name")
        self.fields["types"].queryset = PracticeType.objects.order_by("name")
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_organisation"].widget.attrs["autocomplete"] = "organization"

    def clean(self):
        cleaned = super().clean()
        # A form sent without the choice (one rendered before it existed) keeps the language as it was.
        cleaned["language"] = cleaned.get("language") or self.instance.language
        for name, value in cleaned.items():
            if isinstance(value, str) and not isinstance(self.fields[name].widget, forms.Textarea):
                cleaned[name] = one_line(value)
        # Every field read as what it is: what a draft keeps, even when sending fails.
        self.draft_values = {
            name: value for name, value in cleaned.items() if name not in ("areas", "types") and name not in self.errors
        }
        self.draft_areas = cleaned.get("areas") if "areas" not in self.errors else None
        self.draft_types = cleaned.get("types") if "types" not in self.errors else None
        if self.sending:
            self.check_complete(cleaned)
        return cleaned

    def check_complete(self, cleaned):
        for name, message in MISSING.items():
            if name not in self.errors and not cleaned.get(name):
                self.add_error(name, message)
        level = cleaned.get("level")
        if level in (Level.LOCAL, Level.REGIONAL) and not cleaned.get("place") and "place" not in self.errors:
            self.add_error("place", _("Name the city or region of a local or regional practice."))
        if level != Level.EUROPEAN and not cleaned.get("country") and "country" not in self.errors:
            self.add_error("country", _("Choose the country (only a European-level practice has none)."))
        if not cleaned.get("areas") and not cleaned.get("area_other") and "areas" not in self.errors:
            self.add_error("areas", _("Tick at least one area of intervention, or name another below."))
        if not cleaned.get("types") and not cleaned.get("type_other") and "types" not in self.errors:
            self.add_error("types", _("Tick at least one type, or name another below."))
        email = cleaned.get("contact_email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.add_error("contact_email", _("Enter an e-mail address such as name@example.org."))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end month comes before the start month."))
        if not cleaned.get("consent"):
            self.add_error(
                "consent",
                _("Publication needs the organisation's consent: tick the box, or save a draft until you have it."),
            )


class ReferenceForm(forms.Form):
    label = forms.CharField(label="Label", max_length=300, required=False)
    url = forms.CharField(label=_("Web address"), max_length=500, required=False)

    def clean(self):
        cleaned = super().clean()
        self.typed = (one_line(cleaned.get("label", "")), one_line(cleaned.get("url", "")))
        return cleaned

    def row(self):
        """(label, url): as it will be sent (an address completed with https://) when valid, else as typed."""
        if not self.is_valid():
            return getattr(self, "typed", ("", ""))
        return one_line(self.cleaned_data.get("label", "")), one_line(self.cleaned_data.get("url", ""))


class BaseReferenceFormSet(forms.BaseFormSet):
    """Reference links, a label and an address each, in order; blank rows are dropped."""

    def __init__(self, *args, sending=False, **kwargs):
        self.sending = sending
        super().__init__(*args, **kwargs)

    def clean(self):
        if not self.sending:
            return
        for form in self.forms:
            if not form.is_valid():
                continue
            url = form.row()[1]
            if not url:
                continue
            try:
                form.cleaned_data["url"] = forms.URLField(assume_scheme="https").clean(url)
            except ValidationError:
                form.add_error("url", _("Enter a web address such as https://example.org/report.pdf."))

    def rows(self):
        """(label, url) pairs typed, each as it could be read; None when the form's bookkeeping was tampered with."""
        if not self.management_form.is_valid():
            return None
        return [form.row() for form in self.forms if any(form.row())]


ReferenceFormSet = forms.formset_factory(
    ReferenceForm, formset=BaseReferenceFormSet, extra=3, max_num=30, absolute_max=30, validate_max=True
)


def reference_formset(submission, data=None, sending=False):
    initial = [{"label": entry.get("label", ""), "url": entry.get("url", "")} for entry in submission.references]
    return ReferenceFormSet(data, initial=initial, prefix="reference", sending=sending)


class AnswersForm(forms.Form):
    """One answer box per comment shared with the contributor in this round."""

    def __init__(self, comments, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.comments = comments
        for comment in comments:
            self.fields[self.name_for(comment)] = forms.CharField(
                label=_("Your answer"), required=False, max_length=5000, initial=comment.answer,
                widget=forms.Textarea(attrs={"rows": 3}),
            )  # fmt: skip

    @staticmethod
    def name_for(comment):
        return f"answer-{comment.pk}"

    def answers(self):
        return [
            (comment, self.cleaned_data[self.name_for(comment)])
            for comment in self.comments
            if self.name_for(comment) in self.cleaned_data
        ]

    def bound_for(self, comment):
        return self[self.name_for(comment)]


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address such as name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=300)


# The editors' review --------------------------------------------------------------------------

# action: (button, the states it is offered in)
REVIEW_ACTIONS = {
    "comment": ("Save comments", {State.IN_REVIEW}),
    "start_review": ("Start the review", {State.SUBMITTED}),
    "request_changes": ("Request changes", {State.IN_REVIEW}),
    "accept_published": ("Accept and publish", {State.IN_REVIEW}),
    "accept_draft": ("Accept as a draft practice", {State.IN_REVIEW}),
    "decline": ("Decline", {State.SUBMITTED, State.IN_REVIEW}),
}
GENERAL = "general"


class ReviewForm(forms.Form):
    """Comments on the whole submission and on single fields, a note with the decision, and the decision."""

    note = forms.CharField(
        label="Note with your decision",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="E-mailed to the contributor and kept in the history; a reason is needed to decline.",
    )

    def __init__(self, submission, *args, may_publish=False, has_pending_comments=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        self.has_pending_comments = has_pending_comments
        self.actions = [
            (action, label)
            for action, (label, states) in REVIEW_ACTIONS.items()
            if submission.state in states and (action != "accept_published" or may_publish)
        ]
        self.fields["action"] = forms.ChoiceField(
            choices=self.actions, error_messages={"invalid_choice": "This submission cannot take that decision now."}
        )
        for name in (GENERAL, *Submission.TEMPLATE_FIELDS):
            about = "the whole submission" if name == GENERAL else f"“{Submission.field_label(name)}”"
            self.fields[f"comment_{name}"] = forms.CharField(
                label=f"Comment on {about}", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def comment_field(self, name):
        return self[f"comment_{name}"]

    def comments(self):
        """(field or "", text) for each comment written."""
        written = []
        for name in (GENERAL, *Submission.TEMPLATE_FIELDS):
            text = self.cleaned_data.get(f"comment_{name}", "").strip()
            if text:
                written.append(("" if name == GENERAL else name, text))
        return written

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "comment" and not self.comments():
            raise ValidationError("Write a comment before saving comments.")
        if action == "comment" and cleaned.get("note", "").strip():
            self.add_error("note", "A note goes with a decision: take one, or write this as a comment.")
        if action == "request_changes" and not (self.comments() or self.has_pending_comments or cleaned.get("note")):
            raise ValidationError("Say what to change: comment on the whole submission or on a field.")
        if action == "decline" and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why the submission is declined: the contributor reads it.")
        return cleaned
