"""Queue health figures with controlled clocks."""

from __future__ import annotations

import math

from greenconsole.health import BLOCKED_AFTER, RETENTION_WARNING, QueueHealth


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
    health.stuck(7)
    clock.now += BLOCKED_AFTER
    blocked = health.blocked()
    assert blocked.receipt_id == 7 and blocked.seconds >= BLOCKED_AFTER
    health.deleted(7)
    assert health.blocked() is None


def test_oldest_undeleted_uses_the_event_time_and_warns_near_24_h():
    wall = Clock(1_700_000_000)
    health = QueueHealth(Clock(), wall)
    health.received(1, event_time=wall.now - RETENTION_WARNING - 60)
    health.received(2)
    assert health.nearing_retention()
    assert health.oldest_undeleted_age() >= RETENTION_WARNING
    health.deleted(1)
    assert not health.nearing_retention() and health.oldest_undeleted_age() < 1


def test_a_replayed_body_stamped_long_ago_ages_from_its_arrival():
    wall = Clock(1_700_000_000)
    health = QueueHealth(Clock(), wall)
    health.received(1, event_time=wall.now - 30 * 24 * 3600)  # a month-old export, replayed
    assert not health.nearing_retention()
    assert health.oldest_undeleted_age() < 1
