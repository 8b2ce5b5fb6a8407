"""A request's garbage is collected as the request ends, not in the middle of a later one (config/garbage.py)."""

import gc
import weakref
from wsgiref.util import setup_testing_defaults

import pytest

from config.wsgi import application


class Node:
    pass


@pytest.mark.django_db
def test_the_reference_cycles_a_server_holds_are_collected_when_a_request_ends():
    automatic = gc.isenabled()
    gc.disable()  # only the end of the request may collect them
    try:
        first, second = Node(), Node()
        first.other, second.other = second, first
        left_behind = weakref.ref(first)
        del first, second
        environ = {"PATH_INFO": "/robots.txt"}
        setup_testing_defaults(environ)
        answered = []
        response = application(environ, lambda status, headers: answered.append(status))
        body = b"".join(response)
        assert left_behind() is not None  # not while answering
        response.close()  # what the server does once the answer is sent
        assert answered == ["200 OK"] and b"Sitemap:" in body
        assert left_behind() is None
    finally:
        gc.unfreeze()
        if automatic:
            gc.enable()
