"""The feed's journal search on a thread of its own.

The search thread reads nothing of the window: what a search covers (the tab's instance, the
rows of an imported file, the rows to group) is taken on the Qt thread and handed over as an
immutable `SearchScope`.
"""

from __future__ import annotations

import asyncio
from array import array
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from greenconsole.journal.query import Query, parse_query
from greenconsole.journal.store import Journal, JournalReader
from greenconsole.ui.feed_model import FeedRow

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SearchScope:
    """What a search covers: the tab's instance (None: a tab without one, no history), or the
    rows of an imported file (see ImportedFile: they do not change once shown)."""

    instance: int | None
    imported: tuple[FeedRow, ...] | None = None


class SearchThread:
    """One worker thread with its own read-only journal connection; searches, timelines and
    links run there, never on the Qt thread."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-search")
        self._reader: JournalReader | None = None
        self.closed = False
        self._executor.submit(self.reader)  # the first search is not the slow one

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)` on the search thread (the task is cancelled once it is closed)."""
        if self.closed:
            raise asyncio.CancelledError("the search thread is closed")
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def reader(self) -> JournalReader:
        """The thread's read-only connection, opened on first use and warmed up (search thread
        only)."""
        if self._reader is None:
            self._reader = self.journal.reader()
            self._reader.search_ids(parse_query("id:0"))
        return self._reader

    def matching_ids(
        self, query: Query, grouped: bool, scope: SearchScope, keys: Sequence[int] | None
    ) -> Sequence[int]:
        """The keys of the rows in `scope` matching `query` (or `keys` when given); statuses
        folded into their message left out if `grouped`. Search thread only."""
        if scope.imported is not None:
            return [
                row.key
                for row in scope.imported
                if row.matches(query) and not (grouped and row.folded)
            ]
        if scope.instance is None:
            return []  # a tab without an instance has no history of its own
        if keys is None:
            keys = self.reader().search_ids(replace(query, instance=scope.instance))
        if grouped:
            folded = self.reader().folded_statuses(scope.instance)
            keys = [capture_id for capture_id in keys if capture_id not in folded]
        return array("q", keys)  # the model's form, made here rather than on the Qt thread

    def journal_steps(self, query: Query, grouped: bool) -> Iterator[array[int]]:
        """The journal's matches of `query` (its instance set), newest first in steps (see
        `JournalReader.search`); statuses folded into their message left out if `grouped`.
        Advanced on the search thread only."""
        reader = self.reader()
        folded = reader.folded_statuses(query.instance) if grouped and query.instance else set()
        for ids in reader.search(query):
            yield array("q", (key for key in ids if key not in folded))

    def checkpoint_soon(self) -> None:
        """Fold the journal's WAL into the database on this thread (off the Qt thread)."""
        self._executor.submit(self.journal.checkpoint)

    def close(self) -> None:
        """Stop the thread and close its journal connection."""
        self.closed = True
        self._executor.shutdown(wait=True)
        if self._reader is not None:
            self._reader.close()
