"""Linked scenarios as built (no server): documented shapes, shared ids, gaps, pacing."""

from __future__ import annotations

import pytest

from greenconsole.scenarios import SCENARIOS, UnknownScenario, build, paced
from greenconsole.templates import fill, templates

END = 1_795_000_000


def shape(value):
    """Field names and JSON types, recursively (values left out)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value).__name__


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_body_has_its_templates_fields_and_types(name):
    postings = build(name, 1101000042, END)
    for posting, step in zip(postings, SCENARIOS[name].steps, strict=True):
        assert shape(posting.body) == shape(fill(templates()[step.template], 1, "ID", 0))
        assert posting.body["instanceData"]["idInstance"] == 1101000042
        assert posting.body["timestamp"] <= END
    assert max(p.body["timestamp"] for p in postings) == END  # the story ends now


def test_an_unknown_name_names_the_valid_ones():
    with pytest.raises(UnknownScenario) as caught:
        build("api-mesage", 1)
    assert "'api-mesage'" in str(caught.value) and "api-message, " in str(caught.value)
    with pytest.raises(UnknownScenario) as caught:
        build("x" * 100_000, 1)
    assert len(str(caught.value)) < 400  # a huge name is cut, the line stays a line


def test_pacing_keeps_the_real_gaps_scaled_and_the_queue_order():
    postings = build("api-status-before-message", 1, END)
    assert [p.body.get("status", p.body["typeWebhook"]) for p in postings] == [
        "sent",
        "outgoingAPIMessageReceived",  # reaches the queue second, stamped first
        "delivered",
        "read",
    ]
    assert [p.body["timestamp"] - END for p in postings] == [-30, -31, -27, 0]
    assert [wait for wait, _ in paced(postings, 0.5)] == [0.0, 0.5, 1.0, 13.5]
    assert [wait for wait, _ in paced(postings, 0)] == [0.0] * 4
