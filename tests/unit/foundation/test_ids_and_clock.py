import uuid

import pytest

from websight_desk.domain.hlc import ClockDriftError, HybridClock, pack, physical_ms
from websight_desk.domain.ids import new_id, uuid7, uuid7_ms


def test_uuid7_layout_and_order() -> None:
    ids = [uuid7() for _ in range(5000)]
    assert all(u.version == 7 for u in ids)
    assert all(u.variant == uuid.RFC_4122 for u in ids)
    assert ids == sorted(ids, key=lambda u: u.int)
    assert len(set(ids)) == len(ids)


def test_uuid7_embeds_time() -> None:
    assert uuid7_ms(uuid7(now_ms=1_700_000_000_123)) >= 1_700_000_000_123
    assert len(new_id()) == 36


def test_hlc_never_goes_backwards_when_wall_clock_does() -> None:
    wall = [1_000_000]
    clock = HybridClock(wall=lambda: wall[0])
    a = clock.now()
    wall[0] -= 50_000  # the OS clock was set back
    b = clock.now()
    c = clock.now()
    assert a < b < c
    assert physical_ms(c) == 1_000_000


def test_hlc_moves_past_observed_remote_values() -> None:
    clock = HybridClock(wall=lambda: 2_000_000)
    remote = pack(2_000_000 + 60_000, 7)  # a minute ahead: within the 5 min limit
    local = clock.observe(remote)
    assert local > remote


def test_hlc_refuses_a_remote_too_far_ahead() -> None:
    clock = HybridClock(wall=lambda: 2_000_000)
    with pytest.raises(ClockDriftError) as err:
        clock.observe(pack(2_000_000 + 10 * 60 * 1000, 0))
    assert err.value.ahead_ms == 10 * 60 * 1000
    assert clock.last == 0  # nothing was merged
