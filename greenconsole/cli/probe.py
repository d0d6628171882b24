"""`greenconsole probe`: round-trip latency of the notification pipeline."""

from __future__ import annotations

import argparse

from greenconsole.cli.common import (
    SANDBOX_WEBHOOK,
    add_instance_options,
    client_from_args,
    run_async,
    say,
    webhook_url_and_count,
)
from greenconsole.protocol.client import DEFAULT_WEBHOOK_URL, default_webhook_url


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register the subcommand."""
    parser = sub.add_parser(name, help="send marked notifications and time their round trip")
    add_instance_options(parser)
    parser.add_argument(
        "--webhook-url",
        help="debug webhook endpoint (default: the --api-url's host and port + / when it is "
        f"local, as {SANDBOX_WEBHOOK}; else {DEFAULT_WEBHOOK_URL})",
    )
    parser.add_argument("--count", type=int, default=10, metavar="N", help="probes (default 10)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="a probe not seen within S seconds is lost (default 10)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Probe, print one line per probe and p50/p95/max; exit 1 if one was lost or altered."""
    from greenconsole.protocol.probe import QueueBlocked, percentile, run_probes

    if args.webhook_url is None:
        args.webhook_url = default_webhook_url(args.api_url)
    url = webhook_url_and_count(args)
    client = client_from_args(args)

    async def go() -> int:
        async with client:
            try:
                results = await run_probes(client, url, args.count, args.timeout)
            except QueueBlocked as exc:
                behind = (
                    "; the probe already sent stays queued behind it"
                    if exc.left_behind
                    else "; nothing was sent"
                )
                say(
                    f"greenconsole probe: queue blocked: {exc}{behind}. Probes delete only "
                    "probes — drain or clear the queue first"
                )
                return 1
        for number, result in enumerate(results, 1):
            if result.latency_ms is None:
                print(
                    f"probe {number}: LOST (not seen within {args.timeout:g} s) "
                    f"{result.id_message} {'; '.join(result.changes)}",
                    flush=True,
                )
            else:
                altered = f"  ALTERED: {'; '.join(result.changes)}" if result.changes else ""
                print(f"probe {number}: {result.latency_ms:.1f} ms{altered}", flush=True)
        seen = [r.latency_ms for r in results if r.latency_ms is not None]
        if seen:
            print(
                f"p50 {percentile(seen, 0.5):.1f} ms  p95 {percentile(seen, 0.95):.1f} ms  "
                f"max {max(seen):.1f} ms  ({len(seen)} of {len(results)} seen)",
                flush=True,
            )
        return 0 if all(r.ok for r in results) else 1

    return run_async(go)
