"""`greenconsole export` and `greenconsole replay`."""

from __future__ import annotations

import argparse
import sys

from greenconsole.cli.common import (
    UsageError,
    add_journal_option,
    add_webhook_option,
    open_reader,
    read_source,
    run_async,
    say,
    unreachable,
)
from greenconsole.protocol.client import validate_api_url


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register `export` or `replay`."""
    if name == "export":
        parser = sub.add_parser(name, help="write journal captures as JSON Lines (or a JSON array)")
        add_journal_option(parser)
        parser.add_argument("--instance", metavar="ID", help="only this idInstance")
        parser.add_argument("-o", "--output", metavar="FILE", help="file (default: stdout)")
        parser.add_argument(
            "--format",
            choices=("jsonl", "json", "text"),
            default="jsonl",
            help="jsonl (default), a JSON array, or text: one human line per notification",
        )
        parser.add_argument(
            "--no-redact",
            action="store_true",
            help="keep phone numbers in clear (default: masked, 7900•••4567)",
        )
        parser.set_defaults(run=run_export)
    else:
        parser = sub.add_parser(name, help="post exported notifications to a webhook, in order")
        parser.add_argument(
            "file",
            metavar="FILE",
            help="an exported file (JSON Lines or array; UTF-8, strict JSON, at most 64 MiB)",
        )
        add_webhook_option(parser, None)
        parser.add_argument(
            "--pace",
            choices=("original", "fast"),
            default="fast",
            help="original: keep the captured gaps (each capped at 10 s)",
        )
        parser.add_argument(
            "--from",
            dest="first",
            metavar="N",
            type=int,
            default=1,
            help="start at the file's Nth notification (resumes a replay that stopped)",
        )
        parser.add_argument(
            "--allow-masked",
            action="store_true",
            help="post bodies with masked values (7900•••4567) too (refused by default)",
        )
        parser.set_defaults(run=run_replay)


def run_export(args: argparse.Namespace) -> int:
    """Export the journal (one instance or all) to a file or stdout."""
    from greenconsole.journal.transfer import (
        from_raw,
        json_array,
        json_lines,
        open_private,
        text_lines,
    )

    if args.instance is not None and not args.instance.isdigit():
        raise UsageError("--instance: expected digits only")
    journal = open_reader(args)
    try:
        rows = journal.export(int(args.instance) if args.instance else None)
        items, unfit = [], 0
        for row in rows:
            try:
                items.append(from_raw(*row))
            except ValueError:  # kept by an older version: e.g. 1e999, which JSON can't carry
                unfit += 1
        if journal.unreadable or unfit:
            say(
                f"{journal.unreadable} capture(s) could not be read (damaged journal) and "
                f"{unfit} are not valid JSON; exported the {len(items)} others"
            )
        if not args.no_redact:
            items = [item.redacted() for item in items]
        writers = {"jsonl": json_lines, "text": text_lines, "json": lambda i: [json_array(i)]}
        chunks = writers[args.format](items)
        if not args.output:
            sys.stdout.writelines(chunks)
            sys.stdout.flush()
            return 0
        try:
            with open_private(args.output) as handle:
                handle.writelines(chunks)
        except OSError as exc:
            raise UsageError(f"--output: cannot write {args.output} ({exc.strerror})") from None
        say(f"exported {len(items)} notification(s) to {args.output}")
        return 0
    finally:
        journal.close()


def run_replay(args: argparse.Namespace) -> int:
    """Check the whole file first, then post its bodies in order."""

    from greenconsole.journal.transfer import (
        ImportFileError,
        first_masked_item,
        parse_import,
        replay,
    )
    from greenconsole.protocol.client import REQUEST_TIMEOUT, http_client
    from greenconsole.protocol.errors import TransientError

    try:
        url = validate_api_url(args.webhook_url, "--webhook-url")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        items = parse_import(*read_source(args.file))
    except ImportFileError as exc:
        raise UsageError(str(exc)) from None
    if not 1 <= args.first <= len(items):
        raise UsageError(f"--from: expected 1 to {len(items)} (the file's notifications)")
    skipped, items = args.first - 1, items[args.first - 1 :]
    masked = None if args.allow_masked else first_masked_item(items)
    if masked is not None:
        raise UsageError(
            f"{args.file}: notification {skipped + masked.number}: {masked.path} is masked "
            "(•••), an export made with masking; nothing sent (--allow-masked posts it anyway)"
        )

    total, accepted = skipped + len(items), [skipped]  # how many of the file were posted

    def report(index: int, response) -> None:
        if response.ok:
            accepted[0] += 1
        else:
            say(
                f"greenconsole replay: item {skipped + index + 1}: HTTP {response.status}: "
                f"{response.text.strip()[:200]}"
            )

    def stopped() -> int:
        """Say how far the replay got and how to resume it."""
        first = accepted[0] + 1
        say(
            f"greenconsole replay: posted {accepted[0] - skipped} of {len(items)}; the first not "
            f"posted is notification {first} of {total} (resume with --from {first})"
        )
        return 1

    async def go() -> int:
        async with http_client(timeout=REQUEST_TIMEOUT) as http:
            try:
                sent = await replay(http, url, items, args.pace, report)
            except TransientError as exc:
                say(f"greenconsole replay: {unreachable(exc)}")
                return stopped()
        if sent < len(items):
            return stopped()
        say(f"replayed {sent} of {len(items)} to {url}")
        return 0

    return run_async(go)
