"""`greenconsole send`: POST notification bodies (or a linked scenario) to a debug webhook."""

from __future__ import annotations

import argparse
import asyncio
import re
import time
from collections.abc import Iterable, Iterator
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

MAX_GAP_SCALE = 10.0
"""Largest --wait-gaps: a scenario's gaps run to two minutes, so at most twenty."""


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
        "--count",
        type=int,
        default=1,
        metavar="N",
        help="post the whole set N times (default 1); a scenario gets fresh ids each time",
    )
    scenario = parser.add_argument_group("linked scenarios (instead of FILE)")
    scenario.add_argument(
        "--scenario",
        metavar="NAME",
        help="post a scenario's bodies, linked by their ids; `--scenario list` names them",
    )
    scenario.add_argument(
        "--instance", metavar="ID", help="idInstance the scenario's bodies carry (required)"
    )
    scenario.add_argument(
        "--wait-gaps",
        type=float,
        nargs="?",
        const=1.0,
        metavar="SCALE",
        help="wait the scenario's real gaps between posts, times SCALE (default 1); "
        "without it everything is posted at once, the gaps only in the timestamps",
    )
    parser.set_defaults(run=run)


def _unfit(value: Any, where: str) -> str:
    """Why `value` cannot be posted as a notification body ("" if it can)."""
    if not isinstance(value, dict):
        return f"{where}: not a JSON object"
    kind = value.get("typeWebhook")
    if kind is not None and not isinstance(kind, str):
        return f"{where}: typeWebhook is not a string"
    if not kind:
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
    if args.scenario is not None:
        return _run_scenario(args)
    for option in ("instance", "wait_gaps"):
        if getattr(args, option) is not None:
            raise UsageError(f"--{option.replace('_', '-')}: only with --scenario")
    url = webhook_url_and_count(args)
    bodies = parse_bodies(*read_source(args.file))
    _check_posts(len(bodies), args.count)
    total = len(bodies) * args.count
    return run_async(lambda: _post_all(url, ((0.0, b) for b in bodies * args.count), total))


def _check_posts(bodies: int, count: int) -> None:
    if bodies * count > MAX_POSTS:
        raise UsageError(f"--count: {bodies:,} bodies × {count:,} is more than {MAX_POSTS:,} posts")


def _run_scenario(args: argparse.Namespace) -> int:
    """`--scenario list` prints the names; else every option and body is checked, then the
    scenario is posted (`--count` times, fresh ids each time)."""
    from greenconsole import scenarios

    if args.scenario == "list":
        width = max(map(len, scenarios.SCENARIOS))
        for chosen in scenarios.SCENARIOS.values():
            print(f"{chosen.name:<{width}}  {chosen.description}")
        return 0
    try:
        chosen = scenarios.scenario(args.scenario)
    except scenarios.UnknownScenario as exc:
        raise UsageError(f"--scenario: {exc}") from None
    if args.file != "-":
        raise UsageError(f"{args.file}: a FILE or --scenario, not both")
    if args.instance is None or not re.fullmatch(r"[0-9]{1,19}", args.instance):
        raise UsageError("--instance: the idInstance the bodies carry (digits) is required")
    scale = 0.0 if args.wait_gaps is None else args.wait_gaps
    if not 0 <= scale <= MAX_GAP_SCALE:
        raise UsageError(f"--wait-gaps: expected a scale from 0 to {MAX_GAP_SCALE:g}")
    url = webhook_url_and_count(args)
    _check_posts(len(chosen.steps), args.count)

    def copy() -> list[tuple[float, dict[str, Any]]]:
        return scenarios.paced(scenarios.build(chosen.name, int(args.instance)), scale)

    first = copy()  # built before anything is posted

    def plan() -> Iterator[tuple[float, dict[str, Any]]]:
        yield from first
        for _ in range(args.count - 1):  # built as they go: --count may be large
            yield from copy()

    return run_async(lambda: _post_all(url, plan(), len(first) * args.count))


async def _post_all(url: str, items: Iterable[tuple[float, dict[str, Any]]], total: int) -> int:
    """POST each body after its wait (seconds); one line on stderr at the end or the failure."""
    from greenconsole.protocol.client import REQUEST_TIMEOUT, http_client, post_webhook
    from greenconsole.protocol.errors import TransientError

    started = time.perf_counter()
    async with http_client(timeout=REQUEST_TIMEOUT) as http:
        for sent, (wait, body) in enumerate(items):
            if wait:
                await asyncio.sleep(wait)
            try:
                response = await post_webhook(http, url, body)
            except TransientError as exc:
                reason = unreachable(exc)
            else:
                if response.ok:
                    continue
                reason = f"HTTP {response.status}: {response.text.strip()[:200]}"
            say(f"greenconsole send: body {sent + 1}: {reason} (sent {sent} of {total})")
            return 1
    elapsed = time.perf_counter() - started
    say(f"sent {total} notification(s) in {elapsed:.2f} s")
    return 0
