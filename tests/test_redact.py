"""Presentation-mode masking of names, and finding a masked value in a body."""

from __future__ import annotations

from greenconsole.redact import first_masked, mask_instance, mask_sender, redact
from greenconsole.templates import fill, templates


def test_names_are_masked_with_the_phone_numbers():
    body = fill(templates()["incomingMessageReceived · text"], 1101000001)
    shown = redact(body)
    assert shown["senderData"] == {
        "chatId": "7900•••2233@c.us",
        "chatName": "I•••",
        "sender": "7900•••2233@c.us",
        "senderName": "I•••",
        "senderContactName": "I•••",
    }
    assert shown["instanceData"]["wid"] == "7900•••4567@c.us"
    contact = redact(fill(templates()["incomingMessageReceived · contact"], 1))["messageData"]
    assert contact["contactMessageData"]["displayName"] == "M•••"
    assert "Maria" not in contact["contactMessageData"]["vcard"]
    assert "79005556677" not in contact["contactMessageData"]["vcard"]
    assert mask_sender("Ivan") == "I•••" and mask_sender("79001112233@c.us") == "7900•••2233@c.us"
    assert mask_instance("1101000001") == "11•••01"
    assert shown["instanceData"]["idInstance"] == 1101000001  # an export keeps it: replay routes
    on_screen = redact(body, instance=True)  # presentation mode, as the tab's title
    assert on_screen["instanceData"]["idInstance"] == "11•••01"
    assert on_screen["senderData"] == shown["senderData"]


def test_the_first_masked_value_is_named_by_its_path():
    body = fill(templates()["incomingMessageReceived · text"], 1101000001)
    assert first_masked(body) is None
    assert first_masked(redact(body)) == "body.instanceData.wid"
    assert first_masked({"a": [{"b": "x"}, {"c": "7900•••2233@c.us"}]}) == "body.a[1].c"
    assert first_masked({"text": "wait••• ok", "senderName": "Ivan"}) is None  # just bullets
    assert first_masked({"vcard": "BEGIN:VCARD\nFN:M•••\nEND:VCARD"}) == "body.vcard"
