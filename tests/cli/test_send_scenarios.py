"""`greenconsole send --scenario`: linked bodies through the sandbox, read back by `receive`."""

from __future__ import annotations

import json
import time

import pytest

from greenconsole.scenarios import SCENARIOS
from tests.support import INSTANCE, assert_clean, queue_count, receive_args, run_cli

# scenario → (what each notification is, its timestamp after the first event), in queue order
EXPECTED = {
    "api-message": [("message", 0), ("sent", 1), ("delivered", 4), ("read", 31)],
    "api-message-failed": [("message", 0), ("failed", 2)],
    "api-message-no-account": [("message", 0), ("noAccount", 1)],
    "api-status-before-message": [("sent", 1), ("message", 0), ("delivered", 4), ("read", 31)],
    "api-missing-delivered": [("message", 0), ("sent", 1), ("read", 31)],
    "api-message-never-seen": [("sent", 0), ("delivered", 3), ("read", 30)],
    "incoming-chain": [
        ("textMessage", 0),
        ("textMessage", 20),  # the reply: a textMessage with a quotedMessage
        ("editedMessage", 45),
        ("reactionMessage", 60),
        ("deletedMessage", 120),
    ],
    "call-missed": [("offer", 0), ("missed", 30)],
    "instance-authorization": [("notAuthorized", 0), ("starting", 60), ("authorized", 75)],
}


def what(body: dict) -> str:
    """The word that tells a scenario's notifications apart."""
    kind = body["typeWebhook"]
    if kind == "outgoingAPIMessageReceived":
        return "message"
    if kind == "incomingMessageReceived":
        return body["messageData"]["typeMessage"]
    return body.get("status") or body["stateInstance"]


def points_to(body: dict) -> str:
    """The idMessage a reply, edit, reaction or deletion refers to (stanzaId)."""
    data = body["messageData"]
    for key in ("quotedMessage", "editedMessageData", "deletedMessageData"):
        if key in data:
            return data[key]["stanzaId"]
    raise AssertionError(f"no stanzaId in {data}")


def send_and_receive(sandbox, *args: str) -> list[dict]:
    sent = run_cli("send", "--webhook-url", sandbox.webhook_url, *args)
    assert sent.returncode == 0, sent.stderr
    assert_clean(sent)
    received = run_cli(*receive_args(sandbox.url, "--delete", "--idle-exit", "0.3", "--no-journal"))
    assert received.returncode == 0, received.stderr
    return [json.loads(line)["body"] for line in received.stdout.decode().splitlines()]


def test_the_list_names_every_scenario_with_a_line_of_description(sandbox):
    proc = run_cli("send", "--scenario", "list")
    assert proc.returncode == 0
    lines = proc.stdout.decode().splitlines()
    assert [line.split()[0] for line in lines] == list(EXPECTED) == list(SCENARIOS)
    assert all(len(line.split()) > 4 for line in lines)
    assert "#656" in proc.stdout.decode() and "#976" in proc.stdout.decode()


@pytest.mark.parametrize("name", EXPECTED)
def test_each_scenario_arrives_in_order_with_shared_ids_and_its_gaps(sandbox, name):
    bodies = send_and_receive(sandbox, "--scenario", name, "--instance", str(INSTANCE))
    first = min(body["timestamp"] for body in bodies)
    assert [(what(b), b["timestamp"] - first) for b in bodies] == EXPECTED[name]
    assert all(body["instanceData"]["idInstance"] == INSTANCE for body in bodies)
    if name == "incoming-chain":
        original, *later = bodies
        assert [points_to(body) for body in later] == [original["idMessage"]] * 4
        ids = {body["idMessage"] for body in bodies}
        assert len(ids) == 5  # each reply, edit, reaction, deletion is a message of its own
    elif name != "instance-authorization":
        assert len({body["idMessage"] for body in bodies}) == 1  # statuses / call share it


def test_count_posts_the_chain_again_with_fresh_ids(sandbox):
    bodies = send_and_receive(
        sandbox, "--scenario", "incoming-chain", "--instance", str(INSTANCE), "--count", "2"
    )
    first, second = bodies[:5], bodies[5:]
    assert [what(b) for b in first] == [what(b) for b in second]
    assert {points_to(b) for b in second[1:]} == {second[0]["idMessage"]}
    assert first[0]["idMessage"] != second[0]["idMessage"]


def test_wait_gaps_spaces_the_posts_by_the_scaled_real_gaps(sandbox):
    started = time.monotonic()
    bodies = send_and_receive(
        sandbox, "--scenario", "api-message", "--instance", str(INSTANCE), "--wait-gaps", "0.02"
    )
    assert time.monotonic() - started >= 31 * 0.02  # sent +1 s, delivered +3 s, read +27 s
    assert [what(body) for body in bodies] == ["message", "sent", "delivered", "read"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--scenario", "api-mesage", "--instance", str(INSTANCE)), "one of: api-message, "),
        (("--scenario", "api-message"), "--instance"),
        (("--scenario", "api-message", "--instance", "11O1"), "--instance"),
        (("--scenario", "api-message", "--instance", "1", "bodies.json"), "not both"),
        (("--scenario", "api-message", "--instance", "1", "--wait-gaps", "-1"), "--wait-gaps"),
        (("--scenario", "api-message", "--instance", "1", "--count", "0"), "--count"),
        (("--instance", "1", "-"), "only with --scenario"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_posted(sandbox, args, words):
    proc = run_cli("send", "--webhook-url", sandbox.webhook_url, *args)
    assert proc.returncode == 2
    assert words in proc.stderr.decode() and proc.stderr.decode().count("\n") == 1
    assert queue_count(sandbox) == 0
