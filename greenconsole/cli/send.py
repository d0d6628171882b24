"""`greenconsole send`: POST notification bodies to a debug webhook, in order."""

from __future__ import annotations

import argparse
import time
from typing import Any

from greenconsole.cli.common import (
    MAX_POSTS,
    UsageError,
    add_webhook_option,
    read_source,
    run_async,
    say,
    unreachable,
    webhook_url_and_count,
)
from greenconsole.protocol.client import DEFAULT_WEBHOOK_URL


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register the subcommand."""
    parser = sub.add_parser(
        name, help="post notification bodies (a JSON object, array or JSON Lines) to a webhook"
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE|-",
        help="bodies to post (default: standard input), UTF-8, strict JSON, at most 64 MiB",
    )
    add_webhook_option(parser, DEFAULT_WEBHOOK_URL)
    parser.add_argument(
        "--count", type=int, default=1, metavar="N", help="post the whole set N times (default 1)"
    )
    parser.set_defaults(run=run)


def _unfit(value: Any, where: str) -> str:
    """Why `value` cannot be posted as a notification body ("" if it can)."""
    if not isinstance(value, dict):
        return f"{where}: not a JSON object"
    kind = value.get("typeWebhook")
    if not isinstance(kind, str) or not kind:
        return f"{where}: no typeWebhook (every notification has one)"
    return ""


def parse_bodies(text: str, source: str) -> list[dict[str, Any]]:
    """Notification bodies from a JSON object, a JSON array of objects, or JSON Lines.

    Raises UsageError naming the bad lines; nothing is returned half-parsed.
    """
    from greenconsole.journal.transfer import ImportFileError, json_values, raise_if_bad

    try:
        values, errors = json_values(text, source)
        errors += [problem for where, value in values if (problem := _unfit(value, where))]
        raise_if_bad(errors, source)
    except ImportFileError as exc:
        raise UsageError(str(exc)) from None
    if not values:
        raise UsageError(f"{source}: no notification body found")
    return [value for _, value in values]


def run(args: argparse.Namespace) -> int:
    """Read and check every body first, then post them in order; stop at the first failure."""
    url = webhook_url_and_count(args)
    bodies = parse_bodies(*read_source(args.file))
    if len(bodies) * args.count > MAX_POSTS:
        raise UsageError(
            f"--count: {len(bodies):,} bodies × {args.count:,} is more than {MAX_POSTS:,} posts"
        )
    return run_async(lambda: _post_all(url, bodies * args.count))


async def _post_all(url: str, bodies: list[dict[str, Any]]) -> int:
    from greenconsole.protocol.client import REQUEST_TIMEOUT, http_client, post_webhook
    from greenconsole.protocol.errors import TransientError

    started = time.perf_counter()
    async with http_client(timeout=REQUEST_TIMEOUT) as http:
        for sent, body in enumerate(bodies):
            try:
                response = await post_webhook(http, url, body)
            except TransientError as exc:
                reason = unreachable(exc)
            else:
                if response.ok:
                    continue
                reason = f"HTTP {response.status}: {response.text.strip()[:200]}"
            say(f"greenconsole send: body {sent + 1}: {reason} (sent {sent} of {len(bodies)})")
            return 1
    elapsed = time.perf_counter() - started
    say(f"sent {len(bodies)} notification(s) in {elapsed:.2f} s")
    return 0
