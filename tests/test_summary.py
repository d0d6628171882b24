"""Summaries of the kinds whose documented fields the templates had wrong (issue 14)."""

from __future__ import annotations

import pytest

from greenconsole.protocol.summary import message_text, summarize
from greenconsole.templates import fill, templates


def test_incoming_block_reads_chat_state_and_chat():
    body = fill(templates()["incomingBlock"], 1101000001)
    assert "blockType" not in body and body["chatState"] == "blocked"
    summary = summarize(body)
    assert summary.text == "blocked: 79001112233@c.us" and summary.chat == "79001112233@c.us"


def test_quota_exceeded_shows_the_documented_figures():
    body = fill(templates()["quotaExceeded"], 1101000001)
    text = summarize(body).text
    assert text.startswith("quota exceeded: correspondents 3/3 CORRESPONDENTS_QUOTA_EXCEEDED")


def test_file_and_link_templates_carry_the_documented_fields_only():
    image = templates()["incomingMessageReceived · image/file"]["messageData"]["fileMessageData"]
    assert "isAnimated" not in image  # a sticker's field
    assert image["isForwarded"] is False and image["forwardingScore"] == 0
    link = templates()["incomingMessageReceived · extended text"]["messageData"]
    assert "previewType" not in link["extendedTextMessageData"]  # deprecated


# Every template → a word its summary must show; a template without an entry fails the test.
EXPECTED = {
    "incomingMessageReceived · text": "Hello from Green Console",
    "incomingMessageReceived · extended text": "https://green-api.com",
    "incomingMessageReceived · image/file": "imageMessage: A photo (image.jpg)",
    "incomingMessageReceived · location": "Red Square",
    "incomingMessageReceived · contact": "contactMessage: Maria",
    "incomingMessageReceived · reaction": "👍 to BAE5F4886F2FB5C1",
    "incomingMessageReceived · poll": "pollMessage: Lunch?",
    "incomingMessageReceived · reply": "reply to BAE5367237E13A87: Yes, at 7 pm",
    "incomingMessageReceived · video": "videoMessage: Holiday clip (video.mp4)",
    "incomingMessageReceived · document": "invoice-2026-11.pdf",
    "incomingMessageReceived · audio": "voice-note.oga",
    "incomingMessageReceived · sticker": "sticker.webp (animated)",
    "incomingMessageReceived · contacts array": "2 contacts: Maria, Oleg",
    "incomingMessageReceived · poll vote": "vote: Pizza by 1 voter",
    "incomingMessageReceived · group invite": "Green Console testers",
    "incomingMessageReceived · edited": "edited BAE5B2D9E1F0A3C4: Dinner at 8 pm instead",
    "incomingMessageReceived · deleted": "deleted BAE5C7A1B2D3E4F5",
    "incomingMessageReceived · interactive buttons reply": "[Confirm | Cancel]",
    "incomingMessageReceived · buttons response": "buttonsResponseMessage: Green",
    "incomingMessageReceived · list response": "Tomorrow 10:00",
    "incomingMessageReceived · template buttons reply": "Call me back",
    "incomingMessageReceived · interactive buttons": (
        "Order #1024 is ready [Copy code | Call the shop | Track it]"
    ),
    "incomingMessageReceived · buttons message": "buttonsMessage: Which colour? [Green | Red]",
    "incomingMessageReceived · template buttons message": (
        "Need help with your order? [Help centre | Call support]"
    ),
    "incomingMessageReceived · list message": (
        "Choose a delivery slot [Tomorrow 10:00 | Tomorrow 15:00]"
    ),
    "incomingMessageReceived · quoted": "reply to BAE5D1E2F3A4B5C6: Quoting this",
    "outgoingMessageReceived · text": "Sent from the phone",
    "outgoingAPIMessageReceived · text": "I use Green-API",
    "outgoingAPIMessageReceived · interactive buttons": (
        "Order #2048 has shipped [Track parcel | Copy number]"
    ),
    "outgoingMessageStatus · sent": "status: sent",
    "outgoingMessageStatus": "status: delivered",
    "outgoingMessageStatus · read": "status: read",
    "outgoingMessageStatus · failed": "status: failed (Message was not delivered",
    "outgoingMessageStatus · noAccount": "status: noAccount",
    "outgoingMessageStatus · notInGroup": "status: notInGroup",
    "outgoingMessageStatus · yellowCard": "status: yellowCard",
    "stateInstanceChanged": "state: authorized",
    "statusInstanceChanged": "status: online",
    "deviceInfo": "Pixel 8",
    "incomingCall": "call from 79001112233@c.us: offer",
    "outgoingCall": "call to 79001112233@c.us: hangUp, 42 s",
    "incomingBlock": "blocked",
    "quotaExceeded": "correspondents 3/3 CORRESPONDENTS_QUOTA_EXCEEDED",
}


@pytest.mark.parametrize("name", list(templates()))
def test_every_template_is_summarized_with_its_key_words(name):
    assert name in EXPECTED, f"add the words the summary of {name!r} must show to EXPECTED"
    body = fill(templates()[name], 1101000001, "ID0001", 1764200000)
    summary = summarize(body)
    assert EXPECTED[name] in summary.text
    assert "\n" not in summary.text and len(summary.text) <= 200
    assert summary.id_message == body.get("idMessage", "")


def test_expected_names_only_templates():
    assert set(EXPECTED) == set(templates())


def test_unknown_type_message_is_summarized_as_its_name():
    body = fill(templates()["incomingMessageReceived · text"], 1101000001)
    body["messageData"] = {"typeMessage": "futureMessage", "futureMessageData": {"x": 1}}
    assert summarize(body).text == "futureMessage"
    assert message_text({"typeMessage": "futureMessage"}) == "futureMessage"


@pytest.mark.parametrize(
    "message_data",
    [
        None,
        {},
        {"typeMessage": "pollUpdateMessage", "pollMessageData": {"votes": [None, {"x": 1}]}},
        {"typeMessage": "contactsArrayMessage", "messageData": "oops"},
        {"typeMessage": "listResponseMessage", "listResponseMessage": {"singleSelectReply": 3}},
        {"typeMessage": "editedMessage"},
        {"typeMessage": "stickerMessage", "fileMessageData": []},
    ],
)
def test_malformed_message_data_never_raises(message_data):
    assert isinstance(message_text(message_data), str)
