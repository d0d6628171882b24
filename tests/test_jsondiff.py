"""The JSON-aware diff: changed, added and removed paths; the aligned side-by-side rows."""

from __future__ import annotations

import json

from greenconsole.jsondiff import MAX_CHANGES, MISSING, Kind, diff, preview
from greenconsole.sidebyside import MAX_ROWS, compare, side_by_side
from greenconsole.templates import fill, templates


def listed(left, right):
    return [(c.path, c.kind.value, c.left, c.right) for c in diff(left, right).changes]


def test_paths_name_what_changed_in_document_order():
    left = fill(templates()["incomingMessageReceived · text"], 1101000001)
    right = json.loads(json.dumps(left))
    right["senderData"]["chatId"] = "79005550000@c.us"
    right["messageData"]["textMessageData"]["textMessage"] = "bye"
    del right["senderData"]["senderContactName"]
    right["extra"] = {"a": 1}
    assert listed(left, right) == [
        ("body.senderData.chatId", "changed", "79001112233@c.us", "79005550000@c.us"),
        ("body.senderData.senderContactName", "removed", "Ivan", MISSING),
        (
            "body.messageData.textMessageData.textMessage",
            "changed",
            "Привет! Hello from Green Console",
            "bye",
        ),
        ("body.extra", "added", MISSING, {"a": 1}),
    ]


def test_arrays_are_compared_by_index():
    assert listed({"v": [1, 2, 3]}, {"v": [1, 5]}) == [
        ("body.v[1]", "changed", 2, 5),
        ("body.v[2]", "removed", 3, MISSING),
    ]
    assert listed([{"a": 1}], [{"a": 1}, {"b": 2}]) == [("body[1]", "added", MISSING, {"b": 2})]


def test_equal_values_have_no_changes():
    body = fill(templates()["incomingCall"], 1)
    assert diff(body, json.loads(json.dumps(body))).equal
    assert diff({}, {}).equal and diff([], []).equal and diff(None, None).equal


def test_a_change_of_json_type_is_a_change_even_when_python_calls_them_equal():
    assert listed({"n": 1, "b": True, "s": "1", "o": {}}, {"n": 1.0, "b": 1, "s": 1, "o": []}) == [
        ("body.n", "changed", 1, 1.0),
        ("body.b", "changed", True, 1),
        ("body.s", "changed", "1", 1),
        ("body.o", "changed", {}, []),
    ]


def test_half_an_emoji_and_huge_values_are_safe_and_bounded():
    half = "\ud83d"
    changes = diff({"t": "ok " + half}, {"t": "ok 😀"}).changes
    assert [c.path for c in changes] == ["body.t"]
    assert preview(changes[0].left) == '"ok \\ud83d"'  # shown as an escape, never raw
    huge = "x" * 20_000_000
    assert len(preview(huge)) < 130 and preview(huge).endswith('…"')
    wide = diff(list(range(100_000)), list(range(1, 100_001)))
    assert len(wide.changes) == MAX_CHANGES and not wide.complete
    deep: list = []
    for _ in range(5_000):  # deeper than recursion could go
        deep = [deep]
    assert diff(deep, [deep]).changes


def test_side_by_side_aligns_paths_and_marks_changed_lines():
    left = {"a": 1, "gone": "x", "list": [1, 2]}
    right = {"a": 2, "list": [1], "new": {"k": True}}
    view = side_by_side(left, right, diff(left, right))
    shown = [(row.left, row.right, row.mark) for row in view.rows]
    assert shown == [
        ("{", "{", None),
        ('  "a": 1,', '  "a": 2,', Kind.CHANGED),
        ('  "gone": "x",', None, Kind.REMOVED),
        ('  "list": [', '  "list": [', None),
        ("    1,", "    1", None),
        ("    2", None, Kind.REMOVED),
        ("  ]", "  ],", None),
        (None, '  "new": {', Kind.ADDED),
        (None, '    "k": true', Kind.ADDED),
        (None, "  }", Kind.ADDED),
        ("}", "}", None),
    ]
    for side, value in (("left", left), ("right", right)):
        text = "\n".join(getattr(row, side) for row in view.rows if getattr(row, side) is not None)
        assert json.loads(text) == value  # each side is the document's own pretty JSON
    assert view.row_of("body.new") == 7 and view.row_of("body.list[1]") == 5


def test_side_by_side_of_a_huge_body_is_cut():
    left = {"items": list(range(50_000)), "text": "y" * 5_000_000}
    view = side_by_side(left, left, diff(left, left))
    assert len(view.rows) == MAX_ROWS and not view.complete
    long_row = side_by_side({"t": "y" * 5_000_000}, {}, diff({"t": 1}, {})).rows[1]
    assert long_row.left is not None and len(long_row.left) < 2_100


def test_a_masked_comparison_finds_changes_on_real_values_and_shows_masked_ones():
    left = {"senderData": {"senderName": "Ivan", "chatId": "79001112233@c.us"}}
    right = {"senderData": {"senderName": "Olga", "chatId": "79001119233@c.us"}}
    shown = compare(left, right, masked=True)
    # the numbers differ only where the mask hides them: still a change
    assert [c.path for c in shown.changes.changes] == [
        "body.senderData.senderName",
        "body.senderData.chatId",
    ]
    assert shown.values == (('"I•••"', '"O•••"'), ('"7900•••2233@c.us"', '"7900•••9233@c.us"'))
    text = "\n".join(row.left or "" for row in shown.view.rows)
    assert "Ivan" not in text and "79001112233" not in text
    assert compare(left, right).values[0] == ('"Ivan"', '"Olga"')
