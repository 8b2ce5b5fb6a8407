"""The `cursor` of a `next` link: where the previous page stopped, as an opaque token.

It holds the order in force and the last item's value of each ordering key
(dates tagged, so they come back as dates). Nothing in it is trusted: a token
that does not decode to values PostgreSQL can compare is refused, and the
keyset checks each value's type against its key. Plain Python, so the
benchmark can make one without Django.
"""

import base64
import binascii
import datetime
import json

MAX_CURSOR_LENGTH = 2000
BIGGEST_INTEGER = 2**63 - 1  # PostgreSQL's bigint


class CursorError(ValueError):
    pass


def encode_cursor(sort, values):
    payload = {"sort": sort, "after": [_encode_value(value) for value in values]}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor(token):
    """(sort, [values]); CursorError when `token` is not one encode_cursor could have made."""
    if len(token) > MAX_CURSOR_LENGTH:
        raise CursorError("too long")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw.decode())
        sort, values = payload["sort"], payload["after"]
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise CursorError(str(error)) from None
    if not isinstance(sort, str) or not isinstance(values, list):
        raise CursorError("not a cursor")
    return sort, [_decode_value(value) for value in values]


def _encode_value(value):
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return value


def _decode_value(value):
    if isinstance(value, dict):
        try:
            return datetime.date.fromisoformat(value["date"])
        except (KeyError, TypeError, ValueError):
            raise CursorError("not a date") from None
    if isinstance(value, bool):
        raise CursorError("not a value")
    if isinstance(value, int) and abs(value) > BIGGEST_INTEGER:
        raise CursorError("out of range")
    if isinstance(value, str) and not _comparable_text(value):
        raise CursorError("a character PostgreSQL cannot compare")
    if isinstance(value, (str, int, float)) or value is None:
        return value
    raise CursorError("not a value")


def _comparable_text(text):
    """No null character and no lone surrogate: PostgreSQL takes neither."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return "\x00" not in text
