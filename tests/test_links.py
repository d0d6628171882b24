"""References between notifications: which message each kind refers to."""

from __future__ import annotations

from greenconsole.links import Reference, find_links, reference
from greenconsole.templates import fill, templates


def body(name: str, id_message: str = "M1") -> dict:
    return fill(templates()[name], 1101000042, id_message, 1764000000)


def test_each_referring_kind_names_its_message():
    kinds = {
        "outgoingMessageStatus": "status",
        "outgoingMessageStatus · failed": "status",
        "incomingMessageReceived · reply": "reply",
        "incomingMessageReceived · quoted": "reply",  # the deprecated quotedMessage kind
        "incomingMessageReceived · reaction": "reaction",
        "incomingMessageReceived · edited": "edit",
        "incomingMessageReceived · deleted": "deletion",
        "incomingMessageReceived · poll vote": "poll vote",
        "incomingMessageReceived · buttons response": "choice",
        "incomingMessageReceived · list response": "choice",
        "incomingMessageReceived · template buttons reply": "choice",
    }
    for name, kind in kinds.items():
        found = reference(body(name))
        assert found is not None and found.kind == kind, name
    assert reference(body("outgoingMessageStatus", "OUT1")) == Reference("status", "OUT1")
    edit = body("incomingMessageReceived · edited")
    assert reference(edit) == Reference(
        "edit", edit["messageData"]["editedMessageData"]["stanzaId"]
    )
    plain = [n for n in templates() if n not in kinds and not n.startswith("outgoingMessageS")]
    assert all(reference(body(name)) is None for name in plain)


def test_odd_references_are_ignored_without_raising():
    edit = body("incomingMessageReceived · edited")
    for odd in (None, 5, "", "x" * 201, ["A"], {"id": "A"}):
        edit["messageData"]["editedMessageData"]["stanzaId"] = odd
        assert reference(edit) is None
    assert reference([1]) is None and reference({"typeWebhook": "outgoingMessageStatus"}) is None
    assert reference({"typeWebhook": "incomingMessageReceived", "messageData": "text"}) is None


def test_links_both_ways_and_a_missing_message():
    original = body("incomingMessageReceived · text", "ORIG")
    reply = body("incomingMessageReceived · reply", "R1")
    reply["messageData"]["quotedMessage"]["stanzaId"] = "ORIG"
    entries = [
        (1, 11, "incomingMessageReceived", "ORIG", "hello", original),
        (2, 12, "incomingMessageReceived", "R1", "reply to ORIG: yes", reply),
    ]
    back = find_links(original, 1, entries)
    assert [(link.kind, link.capture_id) for link in back.referrers] == [("reply", 2)]
    assert back.reference is None and not back.missing
    forward = find_links(reply, 2, entries)
    assert [(link.kind, link.receipt_id) for link in forward.targets] == [("message", 11)]
    alone = find_links(reply, 2, entries[1:])
    assert alone.missing and alone.reference == Reference("reply", "ORIG")
