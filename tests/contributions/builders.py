"""Submissions for tests: the form as a browser sends it, and submissions taken to a state through the services."""

from contributions import services
from contributions.models import Submission
from tests import factories as make


def vocabulary():
    """The terms a complete template names (made once, found again)."""
    return {
        "theme": make.theme(),
        "country": make.country("ES", "Spain"),
        "area": make.area("education", "Education"),
        "type": make.practice_type("project", "Project"),
    }


def references_data(rows=(), extra=3):
    data = {
        "reference-TOTAL_FORMS": str(len(rows) + extra),
        "reference-INITIAL_FORMS": str(len(rows)),
        "reference-MIN_NUM_FORMS": "0",
        "reference-MAX_NUM_FORMS": "30",
    }
    for number, (label, url) in enumerate([*rows, *[("", "")] * extra]):
        data[f"reference-{number}-label"] = label
        data[f"reference-{number}-url"] = url
    return data


def form_data(action="send", references=(("Annual report", "https://bilbao.example/report.pdf"),), **fields):
    """Everything the template needs, as the form posts it; `fields` override (None leaves one out)."""
    terms = vocabulary()
    data = {
        "title": "Neighbourhood welcome circles",
        "theme": str(terms["theme"].pk),
        "country": "ES",
        "place": "Bilbao",
        "level": "local",
        "areas": [str(terms["area"].pk)],
        "area_other": "",
        "types": [str(terms["type"].pk)],
        "type_other": "",
        "duration_text": "Since September 2019",
        "start": "2019-09",
        "end": "",
        "ongoing": "on",
        "purpose": "Newcomers meet their neighbours in small circles.",
        "rationale": "People who arrive know nobody.",
        "process": "Volunteers host a circle each month.",
        "impact": "300 newcomers took part.",
        "further_information": "",
        "contact_name": "Miren Etxeberria",
        "contact_organisation": "Bilbao City Council",
        "contact_email": "miren@bilbao.example",
        "consent": "on",
        "action": action,
        **references_data(references),
    }
    for name, value in fields.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def submission(contributor, **fields):
    """A complete draft of `contributor`'s, written through the service as the form would."""
    terms = vocabulary()
    values = {
        "title": "Neighbourhood welcome circles", "theme": terms["theme"], "country": terms["country"],
        "place": "Bilbao", "level": "local", "duration_text": "Since September 2019", "start": make.month(2019, 9),
        "ongoing": True,
        "purpose": "Newcomers meet their neighbours in small circles.", "rationale": "People who arrive know nobody.",
        "process": "Volunteers host a circle each month.", "impact": "300 newcomers took part.",
        "contact_name": "Miren Etxeberria", "contact_organisation": "Bilbao City Council",
        "contact_email": "miren@bilbao.example", "consent": True, **fields,
    }  # fmt: skip
    return services.save_draft(
        Submission(), values, user=contributor, areas=[terms["area"]], types=[terms["type"]],
        references=[("Annual report", "https://bilbao.example/report.pdf")],
    )  # fmt: skip


def sent(contributor, **fields):
    draft = submission(contributor, **fields)
    services.send_for_review(draft, contributor, "http://testserver")
    return draft


def in_review(contributor, editor, **fields):
    draft = sent(contributor, **fields)
    services.start_review(draft, editor, base_url="http://testserver")
    return draft
