"""The filter language: the journal's SQL and the in-memory rule find the same rows; bad terms
are one line naming them."""

from __future__ import annotations

import copy
import itertools

import pytest

from greenconsole.journal.filler import fill_journal
from greenconsole.journal.query import QueryError, parse_query
from greenconsole.journal.store import Journal
from greenconsole.protocol.notification import Notification
from greenconsole.templates import fill, templates
from tests.support import INSTANCE, MemoryRow


def bodies() -> list[dict]:
    """Receipts 1–6 in order; 7 is a malformed answer."""
    kinds = templates()
    text = fill(kinds["incomingMessageReceived · text"], INSTANCE, "3EB0AAA1", 1)
    text["senderData"]["chatName"] = "John Smith"
    text["messageData"]["textMessageData"]["textMessage"] = "meet at 12:30 http://example.com/x"
    image = fill(kinds["incomingMessageReceived · image/file"], INSTANCE, "3EB0BBB2", 2)
    image["senderData"]["chatName"] = "Мария"
    call = fill(kinds["incomingCall"], INSTANCE, "CALL3", 3)
    call["from"] = "79990001122@c.us"
    status = fill(kinds["outgoingMessageStatus · read"], INSTANCE, "3EB0AAA1", 4)
    location = fill(kinds["incomingMessageReceived · location"], INSTANCE, "LOC5", 5)
    odd = copy.deepcopy(text)
    odd["idMessage"] = "ODD6"
    odd["senderData"]["chatName"] = 'Jo"hn\\ \ud83d'  # a quote, a backslash, half an emoji
    odd["flags"] = {"pinned": True, "count": 7, "none": None, "list": [1, {"deep": "yes"}]}
    return [text, image, call, status, location, odd]


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    journal = Journal(tmp_path_factory.mktemp("query") / "j.sqlite3")
    session = journal.start_session(INSTANCE, "http://x", "cli")
    for n, item in enumerate(bodies(), 1):
        journal.record(session, INSTANCE, Notification(n, item), received_at=1_700_000_000 + n)
    journal.record_malformed(session, INSTANCE, "not JSON", "<html>oops", 10, "digest")
    journal.flush()
    yield journal
    journal.close()


CASES = [
    ("TYPE:incomingcall", [3]),  # keys and type values in any case
    ("Type:INCOMINGMESSAGERECEIVED", [1, 2, 5, 6]),
    ("type~STATUS", [4]),
    ("messageData.typeMessage:IMAGEMESSAGE", [2]),  # a path: exact, any case
    ("messageData.typeMessage:image", []),
    ("body.senderData.chatName~john", [1]),  # contains
    ("senderData.chatName~мари", [2]),  # Unicode case folding
    ('senderData.chatName:"john smith"', [1]),  # a quoted value with a space
    ("senderData.chatName~\\", [6]),
    ("messageData.locationMessageData.latitude:55.7539", [5]),  # numbers as JSON writes them
    ("messageData.fileMessageData.isForwarded:FALSE", [2]),
    ("flags.pinned:true", [6]),
    ("flags.count:7", [6]),
    ("flags.none:null", [6]),
    ("flags.list[1].deep:yes", [6]),  # a list index
    ("flags.list:1", []),  # an object or a list never matches
    ("messageData.fileMessageData~photo", []),
    ("-messageData.typeMessage:imageMessage", [1, 3, 4, 5, 6, 7]),  # the malformed answer too
    ("NOT type:incomingMessageReceived", [3, 4, 7]),
    ("type:incomingCall OR messageData.typeMessage:imageMessage", [2, 3]),
    ("chat:7999 OR id:3eb0aaa1 -type:outgoingMessageStatus", [1, 3]),  # OR before AND
    ("type:incomingMessageReceived photo OR 12:30", [1, 2, 6]),
    ("id:3EB0AAA1", [1, 4]),  # idMessage, any case
    ("id:3", [3]),  # or the receiptId
    ("id~3eb0", [1, 2, 4]),
    ("12:30", [1, 6]),  # a colon in free text
    ("http://example.com/x", [1, 6]),
    ('"typo:foo"', []),  # quoted: searched as text, not a key
    ("meet 12:30", [1, 6]),  # words: each must match
    ('"at 12:30 http"', [1, 6]),
    ("status: read", [4]),  # `word:` with nothing after it is text
    ("shape:bad OR type:incomingCall", [3, 6]),
    ("since:2023-11-14T22:13:23Z until:2023-11-14T22:13:25Z", [3, 4, 5]),
    ("not json", [7]),
]


@pytest.mark.parametrize("side", ["journal", "memory"])
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_journal_and_memory_find_the_same_rows(journal, side, text, expected):
    query = parse_query(text)
    captures = sorted(journal.captures(list(range(1, 8))), key=lambda c: c.id)
    if side == "journal":
        reader = journal.reader()
        found = set(reader.search_ids(query))
        reader.close()
    else:
        by_receipt = dict(enumerate(bodies(), 1))
        found = {
            c.id
            for c in captures
            if query.matches(MemoryRow.of(c, None if c.malformed else by_receipt[c.receipt_id]))
        }
    receipts = [c.receipt_id or 7 for c in captures if c.id in found]
    assert receipts == expected


BAD = [
    ("typo:foo", 'typo:: unknown key "typo"'),
    ("type:x Typo~foo", 'Typo~: unknown key "Typo"'),
    ("OR type:x", "OR at the start"),
    ("type:x OR", "OR at the end"),
    ("a OR OR b", "OR after OR"),
    ("a NOT", "NOT at the end"),
    ("type:", "type:: a value must follow it"),
    ("messageData.typeMessage:", "messageData.typeMessage:: a value must follow it"),
    ('senderData.chatName~o"h', 'senderData.chatName~o"h: a quote is not closed'),
    ("since~-1h", "since~-1h: since takes since:value"),
    ("shape:weird", "shape:weird: expected shape:bad, shape:ok or shape:unknown"),
    ("until:yesterday", "'yesterday': expected a date/time"),
    ("chat:7900 \ud83d", "\\ud83d: holds half a character"),  # shown escaped
    ("a " * 101, "101 terms: a filter takes at most 100"),
    ("typo:" + "x" * 5000, 'typo:: unknown key "typo"'),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_term_is_one_line_naming_it(text, message):
    with pytest.raises(QueryError) as error:
        parse_query(text)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value) and len(str(error.value)) < 400


def test_an_unknown_key_lists_the_known_ones_and_how_to_search_it_as_text():
    with pytest.raises(QueryError) as error:
        parse_query("typo:foo")
    assert "type, chat, id, since, until, shape" in str(error.value)
    assert 'quote it: "typo:foo"' in str(error.value)


def test_a_search_in_steps_gives_the_newest_matches_first_and_all_of_them(tmp_path):
    path = tmp_path / "big.sqlite3"
    fill_journal(path, INSTANCE, 5_000)
    ticks = iter(range(10**6))
    with Journal(path) as journal:
        reader = journal.reader()
        query = parse_query("type:incomingCall")
        # every step seems to take a second: the steps stay at their smallest (1,024 ids)
        steps = list(reader.search(query, step=0.01, clock=lambda: float(next(ticks)), first=2048))
        whole = reader.search_ids(query)
        older = [i for step in reader.search(query, below=2_501) for i in step]
        reader.close()
    assert [len(step) for step in steps][:2] == [410, 204]  # 2,048 ids, then 1,024
    assert all(a[0] > b[-1] for a, b in itertools.pairwise(steps) if a and b)
    assert [i for step in reversed(steps) for i in step] == whole  # nothing lost or repeated
    assert older == [i for i in whole if i < 2_501]
