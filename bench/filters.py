"""The journal search alone (no window): each filter of bench/feed.py over a big journal.

Prints, per filter: the first step (the newest matches, what the feed shows first), the whole
stepped search newest first (what the count waits for), and one plain scan of the whole journal
(the search before steps), each with its matches. The journal is filled once with
`greenconsole.journal.filler` (--rows captures of one instance) and reused when it exists.

Usage: python bench/filters.py JOURNAL [--rows 1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from feed import FILTERS, INSTANCE

from greenconsole.journal.filler import fill_journal
from greenconsole.journal.query import parse_query
from greenconsole.journal.store import JournalReader


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    if not args.journal.exists():
        started = time.perf_counter()
        fill_journal(args.journal, INSTANCE, args.rows)
        print(f"filled {args.rows} captures in {time.perf_counter() - started:.0f} s")
    reader = JournalReader.existing(args.journal)
    reader.search_ids(parse_query("id:0"))  # warmed up as the window's search thread is
    for text in FILTERS:
        query = replace(parse_query(text), instance=INSTANCE)
        started = time.perf_counter()
        found, first_ms = 0, None
        for step in reader.search(query):
            found += len(step)
            if first_ms is None:
                first_ms = (time.perf_counter() - started) * 1000
        stepped_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        whole = len(reader.search_ids(query))
        plain_ms = (time.perf_counter() - started) * 1000
        print(
            f"  {text!r:<38} first step {first_ms or 0:6.0f} ms, stepped {stepped_ms:6.0f} ms "
            f"→ {found}, one scan {plain_ms:6.0f} ms → {whole}",
            flush=True,
        )
    reader.close()


if __name__ == "__main__":
    sys.exit(main())
