"""`greenconsole send`: POST notification bodies to a debug webhook, in order."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from greenconsole.cli.common import UsageError, run_async, say, webhook_url_and_count
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
        help="bodies to post (default: standard input)",
    )
    parser.add_argument(
        "--webhook-url",
        default=DEFAULT_WEBHOOK_URL,
        help=f"debug webhook endpoint (default {DEFAULT_WEBHOOK_URL})",
    )
    parser.add_argument(
        "--count", type=int, default=1, metavar="N", help="post the whole set N times (default 1)"
    )
    parser.set_defaults(run=run)


def parse_bodies(text: str, source: str) -> list[dict[str, Any]]:
    """Notification bodies from a JSON object, a JSON array of objects, or JSON Lines.

    Raises UsageError naming the first bad line; nothing is returned half-parsed.
    """
    try:
        whole = json.loads(text)
    except ValueError:
        whole = None
    else:
        if isinstance(whole, dict):
            return [whole]
        if isinstance(whole, list):
            for index, item in enumerate(whole, 1):
                if not isinstance(item, dict):
                    raise UsageError(f"{source}: item {index} of the array is not a JSON object")
            return whole
    bodies = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            body = json.loads(line)
        except ValueError as exc:
            raise UsageError(f"{source}: line {number}: invalid JSON ({exc})") from None
        if not isinstance(body, dict):
            raise UsageError(f"{source}: line {number}: not a JSON object")
        bodies.append(body)
    if not bodies:
        raise UsageError(f"{source}: no notification body found")
    return bodies


def run(args: argparse.Namespace) -> int:
    """Read and check every body first, then post them in order; stop at the first failure."""
    url = webhook_url_and_count(args)
    source = "stdin" if args.file == "-" else args.file
    try:
        if args.file == "-":
            text = sys.stdin.buffer.read().decode("utf-8")
        else:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{source}: cannot read ({exc})") from None
    bodies = parse_bodies(text, source) * args.count
    return run_async(lambda: _post_all(url, bodies))


async def _post_all(url: str, bodies: list[dict[str, Any]]) -> int:

    from greenconsole.protocol.client import REQUEST_TIMEOUT, http_client, post_webhook

    started = time.perf_counter()
    async with http_client(timeout=REQUEST_TIMEOUT) as http:
        for sent, body in enumerate(bodies):
            response = await post_webhook(http, url, body)
            if not response.ok:
                say(
                    f"greenconsole send: body {sent + 1}: HTTP {response.status}: "
                    f"{response.text.strip()[:200]} (sent {sent} of {len(bodies)})"
                )
                return 1
    elapsed = time.perf_counter() - started
    say(f"sent {len(bodies)} notification(s) in {elapsed:.2f} s")
    return 0
