"""`greenconsole reconcile`: find notifications that never came, against the server's journals."""

from __future__ import annotations

import argparse
import math
import re
import time

from greenconsole.cli.common import (
    UsageError,
    add_instance_options,
    add_journal_option,
    client_from_args,
    open_reader,
    run_async,
    say,
)
from greenconsole.invisibles import escape
from greenconsole.reconcile import JOURNAL_LAG, KINDS, reconcile

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_SPAN = re.compile(r"(\d{1,7})([smhd])")


def span(text: str) -> float:
    """`90s`, `30m`, `1h`, `2d` → seconds (argparse type)."""
    match = _SPAN.fullmatch(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(
            f"expected a span such as 90s, 30m, 1h or 2d, got {text!r}"
        )
    return int(match[1]) * UNITS[match[2]]


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register the subcommand."""
    parser = sub.add_parser(
        name,
        help="list messages the server has but no notification brought (exit 1 if any)",
    )
    add_instance_options(parser)
    add_journal_option(parser)
    parser.add_argument(
        "--since",
        type=span,
        default=3600,
        metavar="SPAN",
        help="how far back: 90s, 30m, 1h, 2d (default 1h; the journals keep 24 h by default)",
    )
    parser.add_argument(
        "--lag",
        type=span,
        default=int(JOURNAL_LAG),
        metavar="SPAN",
        help="leave anything younger unjudged (default 120s: GREEN-API's journals lag)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the captures and the server's journals; print the gaps; 1 when one is missing."""
    client = client_from_args(args)
    if args.since <= 0:
        raise UsageError("--since: expected a span above 0, such as 1h")
    reader = open_reader(args)
    now = time.time()
    since = now - args.since
    try:
        captured = reader.captured_since(client.id_instance, since, KINDS)
    finally:
        reader.close()
    minutes = math.ceil(args.since / 60) + 1

    async def act() -> int:
        async with client:
            incoming = await client.last_messages("incoming", minutes)
            outgoing = await client.last_messages("outgoing", minutes)
            queued = await client.count()
        found = reconcile(captured, incoming, outgoing, since=since, now=time.time(), lag=args.lag)
        start = time.strftime("%H:%M:%S", time.localtime(since))
        print(
            f"instance {client.id_instance}, since {start}: "
            f"{found.messages} message(s) in the server's journals, {found.captures} captured "
            f"notification(s), {found.pending} too recent to judge",
            flush=True,
        )
        for gap in found.gaps:
            print(escape(f"{'missing' if gap.missing else 'warning'}: {gap.words}"), flush=True)
        if queued and found.missing:
            say(f"{queued} notification(s) still wait in the queue: drain it, then look again")
        return 1 if found.missing else 0

    return run_async(act)
