"""The shape check: documented shapes pass, misspelt/missing/mistyped fields are named, unknown
kinds are information, and no input makes it raise."""

from __future__ import annotations

import copy

import pytest

from greenconsole.shapes import check, error_count
from greenconsole.templates import fill, templates


def texts(body) -> list[str]:
    return [difference.text for difference in check(body)]


def text_body() -> dict:
    return fill(templates()["incomingMessageReceived · text"], 1101000042, "BAE5A", 1764000000)


@pytest.mark.parametrize("name", list(templates()))
def test_every_template_has_its_documented_shape(name):
    assert texts(fill(templates()[name], 1101000042)) == []


def test_a_misspelt_and_a_missing_field_and_a_wrong_type_are_named():
    body = text_body()
    body["messageData"]["textMessageData"] = {"txt": "hello"}
    body["senderData"]["chatId"] = 79001112233
    del body["timestamp"]
    assert texts(body) == [
        "missing timestamp",
        "senderData.chatId: expected string, got number",
        "missing messageData.textMessageData.textMessage",
        "unknown field messageData.textMessageData.txt",
    ]
    assert error_count(check(body)) == 4


def test_optional_fields_are_not_missing_and_open_payloads_take_any_field():
    status = fill(templates()["outgoingMessageStatus"], 1)  # no description: optional
    assert "description" not in status and texts(status) == []
    body = text_body()
    del body["senderData"]["chatName"], body["senderData"]["senderName"]
    # a quote carries the fields of whatever it quotes
    body["messageData"]["quotedMessage"] = {"stanzaId": "X", "caption": "c", "downloadUrl": "u"}
    assert texts(body) == []


def test_unknown_kinds_are_information_not_errors():
    body = text_body()
    body["typeWebhook"] = "incomingStoryReceived"
    body["storyData"] = {"anything": 1}
    assert texts(body) == ["unknown kind incomingStoryReceived (typeWebhook)"]
    assert error_count(check(body)) == 0
    message = text_body()
    message["messageData"] = {"typeMessage": "storyMessage", "storyMessageData": {}}
    assert texts(message) == ["unknown kind storyMessage (messageData.typeMessage)"]
    assert error_count(check(message)) == 0
    message["messageData"]["typeMessage"] = 7
    assert texts(message) == ["messageData.typeMessage: expected string, got number"]


def test_odd_input_never_raises_and_stays_bounded():
    body = text_body()
    odd = [
        None,
        [],
        "text",
        {},
        {"typeWebhook": None},
        {"typeWebhook": "x" * 100_000},
        {**body, "messageData": []},
        {**body, "senderData": "79001112233@c.us", "instanceData": [1, 2]},
        {**body, "\ud83d": "half an emoji", "k" * 10_000: 1},
        {**body, "messageData": {"typeMessage": "pollMessage", "pollMessageData": {"options": 5}}},
    ]
    for value in odd:
        for difference in check(value):
            assert len(difference.text) < 200
    huge = copy.deepcopy(body)
    huge["messageData"] = {
        "typeMessage": "contactsArrayMessage",
        "messageData": {"contacts": [{"nick": n} for n in range(100_000)]},
    }
    found = texts(huge)
    assert len(found) == 51 and found[-1].startswith("… and ")
    assert any("unknown kind " + "x" * 59 + "…" in t for t in texts(odd[5]))
    assert 'unknown field ["\\ud83d"]' in texts(odd[8])
