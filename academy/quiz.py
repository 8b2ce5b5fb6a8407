"""Anonymous quizzes: check an answer, count it, keep nothing about who gave it.

An answer is a question id and an option id posted from the module page. It
is checked against the module's answerable questions (already loaded for the
page), and the chosen option's counter goes up by one in the database, in a
single UPDATE. No session, cookie, IP address or log row is written.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext, gettext_lazy

LARGEST_ID = 2**63 - 1  # PostgreSQL's bigint: anything larger cannot be an id


def _id_field(not_ours, missing):
    return forms.IntegerField(
        min_value=1,
        max_value=LARGEST_ID,
        error_messages={
            "required": missing,
            "invalid": not_ours,
            "min_value": not_ours,
            "max_value": not_ours,
        },
    )


class AnswerForm(forms.Form):
    question = _id_field(
        gettext_lazy("The question sent is not one of this page's."),
        gettext_lazy("The answer did not say which question it answers."),
    )
    option = _id_field(
        gettext_lazy("The answer sent is not one of this page's."), gettext_lazy("Choose an answer, then check it.")
    )


@dataclass
class CheckedAnswer:
    question: object
    chosen: object
    correct: object

    @property
    def is_right(self):
        return self.chosen.pk == self.correct.pk


@dataclass
class AnswerProblem:
    message: str
    question: object = None  # the question the problem is shown beside, when known


def check_answer(questions, data):
    """(CheckedAnswer, None) for a valid answer to one of `questions`, else (None, AnswerProblem)."""
    form = AnswerForm(data)
    valid = form.is_valid()
    by_id = {question.pk: question for question in questions}
    question = by_id.get(form.cleaned_data.get("question")) if "question" in form.cleaned_data else None
    if not valid:
        first_error = next(iter(form.errors.values()))[0]
        return None, AnswerProblem(first_error, question)
    if question is None:
        return None, AnswerProblem(gettext("This question is not one of this module's quiz."))
    options = {option.pk: option for option in question.options.all()}
    chosen = options.get(form.cleaned_data["option"])
    if chosen is None:
        return None, AnswerProblem(gettext("The answer sent is not one of this question's options."), question)
    correct = next(option for option in options.values() if option.is_correct)
    return CheckedAnswer(question, chosen, correct), None
