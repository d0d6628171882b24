"""Summaries of the kinds whose documented fields the templates had wrong (issue 14)."""

from __future__ import annotations

from greenconsole.protocol.summary import summarize
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
