from rest_framework.negotiation import BaseContentNegotiation


class JsonOnly(BaseContentNegotiation):
    """Every answer is JSON, whatever the Accept header says: no 406 for a browser's or a tool's wishes."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
