"""What the debug webhook accepts it serves back; what is not strict JSON it refuses."""

from __future__ import annotations

import json

import httpx
import pytest

from greenconsole import jsontext
from tests.support import INSTANCE, TOKEN, body, queue_count

RECEIVE = f"/waInstance{INSTANCE}/receiveNotification/{TOKEN}"


def test_a_lone_surrogate_is_accepted_and_served_back_as_utf8_json_with_the_escape(sandbox):
    payload = json.dumps(body(1)).replace("\\u2705", "\\ud83d")  # half an emoji
    assert "\\ud83d" in payload
    assert httpx.post(sandbox.webhook_url, content=payload).status_code == 200
    for _ in range(2):  # served again and again, not a 500 that sticks at the head
        got = httpx.get(sandbox.url + RECEIVE)
        assert got.status_code == 200
        text = got.content.decode("utf-8")  # valid UTF-8
        assert "\\ud83d" in text
        assert json.loads(text)["body"]["messageData"]["textMessageData"]["textMessage"] == (
            "сообщение 1 \ud83d"
        )


def nested(levels: int) -> bytes:
    """A body whose arrays and objects nest `levels` deep."""
    text = json.dumps(body(1))
    return (text[:-1] + ', "deep": ' + "[" * (levels - 1) + "]" * (levels - 1) + "}").encode()


@pytest.mark.parametrize(
    ("payload", "word"),
    [
        (json.dumps(body(1)).replace('"timestamp": 1588091581', '"timestamp": NaN'), "NaN"),
        (json.dumps(body(1)).replace('"timestamp": 1588091581', '"timestamp": -Infinity'), "Inf"),
        (
            json.dumps(body(1)).replace('"idMessage"', '"typeWebhook": "x", "idMessage"'),
            "duplicate",
        ),
        (nested(jsontext.MAX_DEPTH + 1), "deeper"),
        (nested(100_000), "deeper"),
        (json.dumps(body(1)).encode()[:-2] + b'"\xff"}', "UTF-8"),
        (json.dumps(body(1)).replace('"timestamp": 1588091581', '"timestamp": 1e999'), "range"),
        (json.dumps(body(1)).replace("1588091581", "9" * 5000), "digits"),
    ],
    ids=[
        "NaN",
        "Infinity",
        "duplicate key",
        "depth 65",
        "depth 100000",
        "invalid UTF-8",
        "1e999",
        "5000 digits",
    ],
)
def test_not_strict_json_is_refused_with_a_named_400_and_nothing_is_queued(sandbox, payload, word):
    answer = httpx.post(sandbox.webhook_url, content=payload)
    assert answer.status_code == 400
    assert word in answer.json()["error"] and answer.json()["error"].startswith("body:")
    assert queue_count(sandbox) == 0


def test_nesting_at_the_limit_and_a_bom_are_accepted(sandbox):
    assert httpx.post(sandbox.webhook_url, content=nested(jsontext.MAX_DEPTH)).status_code == 200
    bom = b"\xef\xbb\xbf" + json.dumps(body(2)).encode()
    assert httpx.post(sandbox.webhook_url, content=bom).status_code == 200
    assert queue_count(sandbox) == 2
