"""`greenconsole count` and `greenconsole clear`: the queue tools."""

from __future__ import annotations

import argparse

from greenconsole.cli.common import add_instance_options, client_from_args, run_async, say


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register `count` or `clear`."""
    helps = {
        "count": "print how many notifications wait in the queue (getWebhooksCount)",
        "clear": "empty the instance's notification queue (clearWebhooksQueue)",
    }
    parser = sub.add_parser(name, help=helps[name])
    add_instance_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Count or clear, printing the result."""
    client = client_from_args(args)

    async def act() -> int:
        async with client:
            if args.command == "count":
                print(await client.count(), flush=True)
                return 0
            result = await client.clear()
        if result.cleared:
            say(f"queue of instance {client.id_instance} cleared")
            return 0
        wait = f" (allowed again in {result.left_time} s)" if result.left_time else ""
        say(f"greenconsole clear: not cleared: {result.reason or 'no reason given'}{wait}")
        return 1

    return run_async(act)
