"""Timestamps as the API writes them, from the fake's clock."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(seconds: float) -> str:
    """`seconds` since the epoch as ISO 8601 UTC with a `Z`: `2026-08-05T20:14:03Z`."""
    return datetime.fromtimestamp(int(seconds), UTC).isoformat().replace("+00:00", "Z")


def month_start(seconds: float) -> datetime:
    """Midnight UTC on the first day of the month `seconds` falls in."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month_start(seconds: float) -> datetime:
    """Midnight UTC on the first day of the month after the one `seconds` falls in."""
    start = month_start(seconds)
    if start.month == 12:
        return start.replace(year=start.year + 1, month=1)
    return start.replace(month=start.month + 1)
