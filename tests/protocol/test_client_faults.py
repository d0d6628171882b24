"""The client against answers that are huge, endless, dripping, misdirected or quote the token."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time

import httpx
import pytest

from greenconsole.protocol.client import MAX_ANSWER_BYTES, GreenApiClient
from greenconsole.protocol.errors import (
    AuthError,
    CertificateError,
    InstanceNotReadyError,
    ProtocolError,
    QuotaError,
    RateLimitError,
    RequestError,
    Retry,
    TooLargeError,
    TransientError,
    WrongUrlError,
)
from tests.support import (
    INSTANCE,
    TOKEN,
    Reply,
    ScriptedServer,
    gzip_bomb,
    ok,
    self_signed_tls,
    status,
    stream,
)

URL_PATH = f"/waInstance{INSTANCE}/getWebhooksCount/{TOKEN}"


async def fails_with(reply: Reply, error: type, **client_options):
    """The error `count()` raises against one scripted reply; asserts the token is nowhere in it."""
    with ScriptedServer([reply]) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN, **client_options) as client:
            with pytest.raises(error) as raised:
                await client.count()
    for text in (str(raised.value), getattr(raised.value, "raw", ""), repr(vars(raised.value))):
        assert TOKEN not in text and TOKEN[:-1] not in text
    return raised.value


async def test_a_moved_page_that_quotes_the_url_is_fatal_and_names_the_new_place():
    page = f'<html><body>The document has moved <a href="https://new.example{URL_PATH}">here'
    error = await fails_with(
        status(301, page, Location=f"https://new.example{URL_PATH}"), WrongUrlError
    )
    assert error.retry is Retry.FATAL and error.status == 301
    assert error.location == f"https://new.example/waInstance{INSTANCE}/getWebhooksCount/***"
    assert f"redirects to {error.location}" in str(error)


async def test_a_redirect_is_never_followed_even_by_a_following_http_client():
    with ScriptedServer([status(302, "", Location="/elsewhere")]) as server:
        http = httpx.AsyncClient(follow_redirects=True)
        async with GreenApiClient(server.url, INSTANCE, TOKEN, http=http) as client:
            with pytest.raises(
                WrongUrlError, match=r"redirects to http://127\.0\.0\.1:\d+/elsewhere"
            ):
                await client.count()
        assert server.paths() == [URL_PATH]


@pytest.mark.parametrize(
    "quoted",
    [TOKEN, "".join(f"%{byte:02x}" for byte in TOKEN.encode()), "%39" + TOKEN[1:]],
    ids=["as-is", "percent-encoded", "mixed"],
)
async def test_a_proxy_page_with_a_200_keeps_no_token_in_its_raw_text(quoted):
    page = f"<html>Proxy error fetching http://api/waInstance{INSTANCE}/x/{quoted} — retry</html>"
    error = await fails_with(ok(page), ProtocolError)
    assert error.retry is Retry.MALFORMED
    assert "x/***" in error.raw and quoted not in error.raw
    assert error.length == len(error.raw.encode())
    assert error.digest == hashlib.sha256(error.raw.encode()).hexdigest()


async def test_a_token_straddling_the_quoted_length_is_redacted_before_the_cut():
    page = "x" * (200 - len(TOKEN) + 1) + TOKEN + "y" * 300
    error = await fails_with(status(500, page), TransientError)
    assert "x***y" in str(error)


async def test_a_large_malformed_answer_keeps_a_prefix_its_length_and_digest():
    answer = (b"<html>" + TOKEN.encode()) * 20_000
    error = await fails_with(ok(answer), ProtocolError)
    redacted = answer.replace(TOKEN.encode(), b"***")
    assert error.raw == redacted[:4096].decode() and error.length == len(redacted)
    assert error.digest == hashlib.sha256(redacted).hexdigest()


@pytest.mark.parametrize(
    "reply",
    [
        ok(b"x" * 300_000),
        stream(b"y" * 65_536, repeat=1_000_000),
        Reply(body=gzip_bomb(64), headers={"Content-Encoding": "gzip"}),
    ],
    ids=["large", "endless", "gzip-bomb"],
)
async def test_answers_over_the_cap_end_in_one_typed_error(reply):
    error = await fails_with(reply, TooLargeError, max_answer_bytes=100_000)
    assert str(error).startswith("answer larger than 100,000 bytes")
    assert error.retry is Retry.MALFORMED and error.length == 100_000


MEASURE = """
import asyncio, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a runaway read fails, not the host
from greenconsole.protocol.client import GreenApiClient


def peak_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))


async def main():
    before = peak_kib()
    async with GreenApiClient(sys.argv[1], 1, "secret-token") as client:
        try:
            await client.count()
        except Exception as exc:
            print(type(exc).__name__, exc, file=sys.stderr)
    print(before, peak_kib())


asyncio.run(main())
"""


@pytest.mark.parametrize(
    "reply",
    [
        ok(b"x" * (50 << 20)),
        stream(b"y" * 65_536, repeat=1_000_000),
        Reply(body=gzip_bomb(2048), headers={"Content-Encoding": "gzip"}),
    ],
    ids=["50MB", "endless", "2MB-gzip-bomb"],
)
def test_memory_stays_bounded_with_the_default_cap(reply):
    """The peak resident size of a client process (VmHWM: not inherited from this process)."""
    with ScriptedServer([reply]) as server:
        proc = subprocess.run(
            [sys.executable, "-c", MEASURE, server.url], capture_output=True, timeout=60
        )
    before, after = map(int, proc.stdout.split())
    assert proc.stderr.decode().startswith("TooLargeError answer larger than 32 MiB")
    cap_kib = MAX_ANSWER_BYTES // 1024  # the answer, its text and the redacted copy at most
    assert after - before < 4 * cap_kib and after < 300 * 1024, (before, after)


async def test_a_dripping_answer_ends_at_the_overall_deadline():
    started = time.monotonic()
    error = await fails_with(
        stream(b" ", repeat=40, interval=0.1), TransientError, request_seconds=1.0
    )
    assert time.monotonic() - started < 2.5
    assert str(error) == "no complete answer within 1 s" and error.retry is Retry.BACKOFF


async def test_a_long_poll_gets_its_wait_on_top_of_the_deadline():
    with ScriptedServer([Reply(delay=1.0, body=b"null")]) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN, request_seconds=0.5) as client:
            assert await client.receive(5) is None


@pytest.mark.parametrize(
    "text",
    [
        '{"description": "Instance in starting process try later"}',
        "Instance account is expired",
        '{"message": "instance account not authorized"}',
    ],
)
async def test_a_400_for_an_instance_not_ready_is_retried_slowly_with_its_reason(text):
    error = await fails_with(status(400, text), InstanceNotReadyError)
    assert error.retry is Retry.SLOW
    assert error.reason in text and len(error.reason) > 10


@pytest.mark.parametrize(
    ("reply", "error", "retry"),
    [
        (status(400, '{"description": "bad request data"}'), RequestError, Retry.FATAL),
        (status(404, "Not Found"), WrongUrlError, Retry.FATAL),
        (status(204, ""), WrongUrlError, Retry.FATAL),
        (status(201, '{"count": 1}'), WrongUrlError, Retry.FATAL),
        (status(401), AuthError, Retry.FATAL),
        (status(499, "client closed request"), TransientError, Retry.BACKOFF),
        (status(503), TransientError, Retry.BACKOFF),
        (status(429), RateLimitError, Retry.BACKOFF),
        (ok('{"count": NaN}'), ProtocolError, Retry.MALFORMED),
        (ok('{"count": 1, "count": 2}'), ProtocolError, Retry.MALFORMED),
    ],
)
async def test_each_answer_gets_its_type_and_retry_class(reply, error, retry):
    raised = await fails_with(reply, error)
    assert type(raised) is error and raised.retry is retry


async def test_a_204_says_the_url_may_not_be_green_api():
    error = await fails_with(status(204, ""), WrongUrlError)
    assert "where a JSON answer was expected" in str(error) and "GREEN-API host" in str(error)


async def test_quota_keeps_the_body():
    answer = '{"invokeStatus": {"status": "QUOTE_ALLOWED_EXCEEDED"}, "correspondentsStatus": {}}'
    error = await fails_with(status(466, answer), QuotaError)
    assert error.body == answer and error.retry is Retry.FATAL


async def test_an_untrusted_certificate_is_fatal_and_says_so(tmp_path):
    with ScriptedServer([ok('{"count": 1}')], tls=self_signed_tls(tmp_path)) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            with pytest.raises(CertificateError) as raised:
                await client.count()
    assert raised.value.retry is Retry.FATAL
    assert "TLS certificate of 127.0.0.1 is not trusted" in str(raised.value)
    assert "self-signed" in str(raised.value)


async def test_a_lone_surrogate_is_posted_as_valid_utf8():
    with ScriptedServer([ok("{}")]) as server:
        async with GreenApiClient(server.url, INSTANCE, TOKEN) as client:
            answer = await client.post_webhook(server.url + "/", {"text": "half \ud83d"})
    assert answer.ok
