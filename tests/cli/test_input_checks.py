"""What send, replay, probe and the instance commands check before they send anything."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from greenconsole.connection import NEEDS_URL, ConnectionSettings
from greenconsole.protocol.client import default_webhook_url
from tests.support import INSTANCE, TOKEN, Reply, ScriptedServer, assert_clean, body, ok, run_cli

GOOD = [json.dumps(body(n), ensure_ascii=False).encode() for n in range(3)]


def one_line(proc) -> str:
    """The process's stderr, asserted to be exactly one line."""
    text = proc.stderr.decode()
    assert text.count("\n") == 1, text
    return text


def send_and_replay(server, source, *extra):
    """`send SOURCE` and `replay SOURCE` against `server`, as two processes."""
    return [
        run_cli("send", "--webhook-url", server.url, str(source), *extra),
        run_cli("replay", str(source), "--webhook-url", server.url, *extra),
    ]


@pytest.mark.parametrize(
    ("bad_line", "reported"),
    [
        (b'{"typeWebhook": "caf\xe9"}', "line 3: not UTF-8"),
        (b'{"typeWebhook": "x", "n": NaN}', "line 3: invalid JSON (NaN is not JSON)"),
        (b'{"typeWebhook": "x", "a": 1, "a": 2}', 'line 3: invalid JSON (duplicate key "a")'),
        (b'{"typeWebhook": "x", "deep": ' + b"[" * 70 + b"]" * 70 + b"}", "line 3: invalid"),
    ],
    ids=["invalid-utf8", "nan", "duplicate-key", "too-deep"],
)
def test_a_bad_line_after_good_ones_posts_nothing(tmp_path, bad_line, reported):
    source = tmp_path / "bodies.jsonl"
    source.write_bytes(b"\n".join([*GOOD[:2], bad_line, GOOD[2]]) + b"\n")
    with ScriptedServer([]) as server:
        for proc in send_and_replay(server, source):
            assert proc.returncode == 2
            assert reported in one_line(proc)
        assert server.requests == []


def test_a_bom_is_accepted_and_a_lone_surrogate_is_posted_as_valid_utf8(tmp_path):
    source = tmp_path / "bodies.jsonl"
    lone = b'{"typeWebhook": "x", "text": "half an emoji \\ud83d"}'
    source.write_bytes(b"\xef\xbb\xbf" + b"\n".join([GOOD[0], lone]))
    with ScriptedServer([ok("{}")] * 4) as server:
        for proc in send_and_replay(server, source):
            assert proc.returncode == 0, proc.stderr
        for posted in server.bodies:
            posted.decode("utf-8")  # strict: valid UTF-8
        assert [json.loads(posted) for posted in server.bodies] == [
            body(0),
            {"typeWebhook": "x", "text": "half an emoji \ud83d"},
        ] * 2


@pytest.mark.parametrize(
    ("count", "reported"),
    [("2000000", "--count: expected a number from 1 to 1,000,000"), ("400000", "more than")],
)
def test_an_absurd_count_posts_nothing(tmp_path, count, reported):
    source = tmp_path / "bodies.jsonl"
    source.write_bytes(b"\n".join(GOOD))
    with ScriptedServer([]) as server:
        proc = run_cli("send", "--webhook-url", server.url, str(source), "--count", count)
        assert proc.returncode == 2 and reported in one_line(proc)
        assert server.requests == []


def test_an_endless_input_is_cut_at_the_cap():
    with ScriptedServer([]) as server:
        for proc in send_and_replay(server, "/dev/zero"):
            assert proc.returncode == 2
            assert "/dev/zero: larger than 64 MiB, nothing read" in one_line(proc)
        assert server.requests == []


def test_an_unreachable_webhook_says_where_a_sandbox_listens():
    proc = run_cli("send", "--webhook-url", "http://127.0.0.1:1/", "-", stdin=GOOD[0])
    assert proc.returncode == 1
    assert "a local sandbox's webhook URL is http://127.0.0.1:PORT/" in one_line(proc)
    for command in ("send", "replay"):
        assert "http://127.0.0.1:PORT/" in run_cli(command, "--help").stdout.decode()


@pytest.mark.parametrize(
    "token",
    [
        *(TOKEN[:20] + inside + TOKEN[20:] for inside in ("/", "%2F", "..", "?", "#", " ", "\x01")),
        TOKEN + "\x7f",
    ],
)
def test_a_token_that_would_change_the_url_is_refused_without_being_shown(token):
    with ScriptedServer([]) as server:
        proc = run_cli("count", "--api-url", server.url, "--instance", str(INSTANCE), token=token)
        assert proc.returncode == 2
        assert one_line(proc).startswith("greenconsole count: GREEN_API_TOKEN: not a valid")
        assert_clean(proc, token)
        assert server.requests == []


def test_plain_http_to_a_remote_host_is_warned_about_once():
    with ScriptedServer([ok('{"count": 3}')] * 2) as server:
        port = server.url.rsplit(":", 1)[1]
        # 0.0.0.0 is not a loopback address, yet on Linux it reaches this server
        remote = run_cli("count", "--api-url", f"http://0.0.0.0:{port}", "--instance", "1")
        local = run_cli("count", "--api-url", server.url, "--instance", "1")
    assert remote.returncode == 0 and remote.stdout.strip() == b"3"
    assert "warning: --api-url: plain http to a non-local host" in one_line(remote)
    assert local.returncode == 0 and local.stderr == b""


@pytest.mark.parametrize(
    ("api_url", "webhook"),
    [
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123/"),
        ("http://127.5.0.1:80/", "http://127.5.0.1:80/"),
        ("http://localhost:9000", "http://localhost:9000/"),
        ("http://[::1]:9000", "http://[::1]:9000/"),
        ("https://7103.api.greenapi.com", "https://webhook.green-api.com"),
        ("http://10.0.0.1:8080", "https://webhook.green-api.com"),
    ],
)
def test_the_default_webhook_follows_a_local_api_url(api_url, webhook):
    assert default_webhook_url(api_url) == webhook


def test_probe_on_a_local_sandbox_needs_no_webhook_url(sandbox):
    proc = run_cli("probe", "--api-url", sandbox.url, "--instance", str(INSTANCE), "--count", "1")
    assert proc.returncode == 0, proc.stderr
    assert b"(1 of 1 seen)" in proc.stdout


def test_a_replay_cut_off_says_how_far_it_got_and_resumes_from_there(tmp_path):
    source = tmp_path / "bodies.jsonl"
    source.write_text("".join(json.dumps(body(n)) + "\n" for n in range(5)), "utf-8")
    with ScriptedServer([ok("{}")] * 2, idle=Reply(kind="reset")) as server:  # then it dies
        proc = run_cli("replay", str(source), "--webhook-url", server.url)
    assert proc.returncode == 1
    said = proc.stderr.decode()
    assert said.endswith(
        "posted 2 of 5; the first not posted is notification 3 of 5 (resume with --from 3)\n"
    )
    with ScriptedServer([ok("{}")] * 3) as server:
        proc = run_cli("replay", str(source), "--webhook-url", server.url, "--from", "3")
        assert proc.returncode == 0, proc.stderr
        assert [json.loads(posted) for posted in server.bodies] == [body(n) for n in (2, 3, 4)]
    proc = run_cli("replay", str(source), "--webhook-url", server.url, "--from", "6")
    assert proc.returncode == 2 and "--from: expected 1 to 5" in one_line(proc)


@pytest.mark.parametrize(
    ("bad_line", "reported"),
    [
        (
            b'{"typeWebhook": "x", "n": ' + b"9" * 5000 + b"}",
            "an integer of 5000 digits is too long",
        ),
        (b'{"typeWebhook": 123}', "line 2: typeWebhook is not a string"),
        (b'{"typeWebhook": ""}', "line 2: no typeWebhook"),
    ],
    ids=["huge-integer", "number-type", "empty-type"],
)
def test_send_names_a_bad_value_in_its_own_words(tmp_path, bad_line, reported):
    source = tmp_path / "bodies.jsonl"
    source.write_bytes(GOOD[0] + b"\n" + bad_line + b"\n")
    with ScriptedServer([]) as server:
        proc = run_cli("send", "--webhook-url", server.url, str(source))
        assert proc.returncode == 2
        said = one_line(proc)
        assert reported in said and "sys." not in said and "internal error" not in said
        assert server.requests == []


def test_a_webhook_url_with_spaces_is_refused_before_anything_is_sent(tmp_path):
    """Before: accepted, then every POST came back "HTTP 404" (an outside tester)."""
    source = tmp_path / "one.json"
    source.write_bytes(GOOD[0])
    with ScriptedServer([]) as server:
        proc = run_cli("send", "--webhook-url", f"{server.url}/ a b", str(source))
        assert server.requests == []  # nothing sent
    assert proc.returncode == 2
    assert "--webhook-url: expected an http:// or https:// URL, no spaces" in one_line(proc)


def test_the_window_form_names_a_webhook_url_with_spaces():
    settings = ConnectionSettings("http://127.0.0.1:9", "1101000001", TOKEN, 5, False)
    assert "webhook_url" not in settings.errors()
    spaced = replace(settings, webhook_url="http://127.0.0.1:9/ a b")
    assert spaced.errors()["webhook_url"] == NEEDS_URL and "no spaces" in NEEDS_URL
