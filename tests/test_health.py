"""Queue health figures with controlled clocks."""

from __future__ import annotations

import math

from greenconsole.health import BLOCKED_AFTER, RETENTION, RETENTION_WARNING, QueueHealth


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_time_to_empty_follows_the_delete_rate():
    clock, wall = Clock(), Clock(1_700_000_000)
    health = QueueHealth(clock, wall)
    assert health.eta() is None  # no depth known yet
    health.depth(300)
    assert math.isinf(health.eta())  # nothing deleted: it never empties
    for receipt in range(30):  # 30 deletes in the last 15 s → 2/s
        health.received(receipt)
        health.deleted(receipt)
        clock.now += 0.5
    assert health.rates()[1] == 2.0
    assert health.eta() == 150.0
    health.depth(0)
    assert health.eta() == 0.0


def test_a_held_or_returning_head_blocks_the_queue_until_deleted():
    clock = Clock()
    health = QueueHealth(clock, Clock(1_700_000_000))
    health.received(7)
    clock.now += 60
    assert health.blocked() is None  # received but never held or repeated: moving
    health.came_back(7)
    clock.now += BLOCKED_AFTER
    blocked = health.blocked()
    assert blocked.receipt_id == 7 and blocked.seconds >= BLOCKED_AFTER
    assert not blocked.on_purpose
    health.deleted(7)
    assert health.blocked() is None


def test_a_head_held_on_purpose_is_not_an_alarm_until_it_comes_back():
    clock = Clock()
    health = QueueHealth(clock, Clock(1_700_000_000))
    health.received(7)
    health.held(7)  # manual mode
    clock.now += BLOCKED_AFTER
    assert health.blocked().on_purpose
    health.came_back(7)  # skipped, and the server gives it again
    health.held(7)  # held again: it still blocks the queue
    assert not health.blocked().on_purpose
    health.released()  # Stop: nobody holds it
    assert health.blocked() is None


def test_retention_counts_from_the_event_time_and_warns_near_24_h():
    wall = Clock(1_700_000_000)
    health = QueueHealth(Clock(), wall)
    health.received(1, event_time=wall.now - RETENTION_WARNING - 60)
    health.received(2)
    assert health.retention().age >= RETENTION_WARNING
    assert health.oldest_undeleted_age() == 0  # both were received just now
    health.deleted(1)
    assert health.retention() is None and health.oldest_undeleted_age() < 1


def test_the_retention_alarm_ends_when_the_queue_is_cleared_or_the_server_dropped_it():
    wall = Clock(1_700_000_000)
    health = QueueHealth(Clock(), wall)
    health.received(1, event_time=wall.now - RETENTION_WARNING - 60)
    assert health.retention().left == RETENTION - RETENTION_WARNING - 60
    health.cleared()  # clearWebhooksQueue deleted it on the server
    assert health.retention() is None and health.oldest_undeleted_age() is None
    health.received(2, event_time=wall.now - RETENTION_WARNING - 60)
    wall.now += RETENTION - RETENTION_WARNING  # past 24 h: GREEN-API has dropped it
    assert health.retention() is None and health.oldest_undeleted_age() is None


def test_the_known_depth_keeps_its_age_after_the_chart_window():
    clock = Clock()
    health = QueueHealth(clock, Clock(1_700_000_000))
    assert health.depth_age() is None
    health.depth(12)
    clock.now += 3600
    health.received(1)  # trims the chart's history
    assert not health.depths and health.last_depth == 12 and health.depth_age() == 3600


def test_a_replayed_body_stamped_long_ago_ages_from_its_arrival():
    wall = Clock(1_700_000_000)
    health = QueueHealth(Clock(), wall)
    health.received(1, event_time=wall.now - 30 * 24 * 3600)  # a month-old export, replayed
    assert health.retention() is None
    assert health.oldest_undeleted_age() < 1


def test_idle_time_is_a_zero_rate_not_a_line_across_it():
    clock = Clock(1000.0)
    health = QueueHealth(clock, Clock(1_700_000_000))
    health.received(1)
    health.deleted(1)
    clock.now += 120  # two idle minutes, then one more
    health.received(2)
    _, rates = health.series()
    assert [ago for ago, *_ in rates] == [120.0 - 5 * n for n in range(25)]
    assert [r for _, r, _ in rates] == [0.2] + [0.0] * 23 + [0.2]
    assert [d for *_, d in rates] == [0.2] + [0.0] * 24


def test_oldest_undeleted_counts_from_when_it_was_received_as_the_age_column():
    clock, wall = Clock(), Clock(1_700_000_000)
    health = QueueHealth(clock, wall)
    health.received(7, event_time=wall.now - 30)  # queued 30 s before it reached us
    wall.now += 19
    assert health.oldest_undeleted_age() == 19
    health.came_back(7)
    health.received(7, event_time=wall.now - 49)  # skipped, received again: still the same age
    assert health.oldest_undeleted_age() == 19


def test_an_empty_queue_ends_the_undeleted_alarm_of_a_delete_never_answered():
    clock, wall = Clock(), Clock(1_700_000_000)
    health = QueueHealth(clock, wall)
    health.received(7)  # its drain was killed before the delete's answer was heard
    health.empty(asked_at=wall.now + 5)  # a count of 0 may be 10 s old: 7 may still be queued
    wall.now += 120
    assert health.oldest_undeleted_age() == 120
    health.empty(asked_at=wall.now)  # 0, asked long after it was received: nothing waits
    assert health.oldest_undeleted_age() is None
