"""Rate limiters shared by threads, processes and machines: `RedisRateLimiter`.

A client given a `rate_limiter` asks it for a token before each attempt (`acquire`) and
tells it what each answer said about the organization's bucket (`observe`). The Redis
limiter keeps one token bucket per key in Redis, changed only by one atomic script, so
every client on every machine pointed at the same Redis and key draws from one budget.
`redis` is imported when a limiter is made, never by `import octogen`.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit, urlunsplit

import octogen  # annotations name `octogen.RateLimit`: it loads when they are resolved

from ._errors import ConfigurationError

if TYPE_CHECKING:
    from redis import Redis

_logger = logging.getLogger("octogen")


class RateLimiter(Protocol):
    """What a client asks of its `rate_limiter` (see `RedisRateLimiter`)."""

    def acquire(self, max_wait: float) -> float | None:
        """Take one token for a request about to be sent: the seconds to wait before
        sending it (0: at once). A wait longer than `max_wait` takes nothing (the client
        then refuses to wait that long). None: the limiter cannot answer now, and the
        client paces on its own."""
        ...  # pragma: no cover - a protocol

    def observe(self, rate_limit: octogen.RateLimit | None) -> None:
        """Note the bucket as a response's `X-RateLimit-*` headers described it (None:
        an answer without them); must return at once (no I/O)."""
        ...  # pragma: no cover - a protocol


class LocalRateLimiter:
    """The same token bucket as `RedisRateLimiter`'s, held in this process: what
    `lookup_many` paces with when the client has no `rate_limiter`.

    Sized from `X-RateLimit-Limit` (per `window`), lowered by `X-RateLimit-Remaining`;
    tokens are reserved in order, so waiting requests never poll. Until the first answer
    tells the size, the first request goes alone, for at most a second.
    """

    def __init__(self, *, window: float = 60.0, headroom: int = 2) -> None:
        self.window = window
        self.headroom = headroom
        self._changed = threading.Condition()
        self._limit: int | None = None
        self._tokens = 0.0
        self._updated = 0.0
        self._probe_until = 0.0

    def acquire(self, max_wait: float) -> float | None:
        """Take one token: the seconds to wait before sending (see `RateLimiter`)."""
        deadline = time.monotonic() + max_wait
        with self._changed:
            while self._limit is None:
                now = time.monotonic()
                if not self._probe_until:  # the first request goes to find out the size
                    self._probe_until = now + _PROBE_LEASE
                    return 0.0
                if self._probe_until <= now:  # no answer within the lease: stop holding back
                    return 0.0
                if now >= deadline:
                    return None
                self._changed.wait(min(self._probe_until, deadline) - now)
            self._refill(time.monotonic())
            rate = self._limit / self.window
            wait = (1 - self._tokens) / rate if self._tokens < 1 else 0.0
            if wait <= max_wait:
                self._tokens -= 1
            return wait

    def observe(self, rate_limit: octogen.RateLimit | None) -> None:
        """Size the bucket, or lower it to what the API's holds (less the headroom)."""
        with self._changed:
            now = time.monotonic()
            if rate_limit is None:  # an answer that does not say: the next request asks
                if self._limit is None and self._probe_until > now:
                    self._probe_until = 0.0
                    self._changed.notify_all()
                return
            seen = float(rate_limit.remaining - self.headroom)
            if self._limit is None:
                self._tokens = seen
                self._updated = now
                self._changed.notify_all()
            else:
                self._refill(now)
                self._tokens = min(self._tokens, seen)
            self._limit = max(1, rate_limit.limit)

    def _refill(self, now: float) -> None:
        assert self._limit is not None
        refilled = self._tokens + (now - self._updated) * self._limit / self.window
        self._tokens = min(self._limit - self.headroom, refilled)
        self._updated = now


# One script does everything, atomically, on Redis's own clock (TIME), so that machines
# whose clocks differ still agree. The bucket is a hash: limit, tokens, updated, probe.
# Tokens may go below zero: each request reserves the next token and is told how long to
# wait for it, so waiting requests are served in order without polling.
_SCRIPT = """
if redis.replicate_commands then redis.replicate_commands() end  -- Redis < 5: TIME, then writes
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local window = tonumber(ARGV[1])
local headroom = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[7])
local state = redis.call('HMGET', KEYS[1], 'limit', 'tokens', 'updated', 'probe')
local limit = tonumber(state[1])
local tokens = tonumber(state[2])
local updated = tonumber(state[3])
if limit and tokens and updated then
  tokens = math.min(limit - headroom, tokens + math.max(0, now - updated) * limit / window)
else
  limit = nil
end
if ARGV[3] ~= '' then
  -- What a response said, refilled for the time since: the API's bucket holds at most
  -- that (less the headroom kept for requests arriving out of step); never raise ours.
  local seen_limit = tonumber(ARGV[3])
  local seen = math.min(seen_limit, tonumber(ARGV[4]) + tonumber(ARGV[5]) * seen_limit / window)
  seen = seen - headroom
  if limit == nil or tokens > seen then tokens = seen end
  limit = seen_limit
end
if limit == nil then
  -- Size unknown until an answer says it: one request at a time goes to find out.
  local probe = tonumber(state[4]) or 0
  if probe < now then
    redis.call('HSET', KEYS[1], 'probe', now + tonumber(ARGV[6]))
    redis.call('PEXPIRE', KEYS[1], ARGV[8])
    return {0, 1}
  end
  return {math.ceil(math.min(probe - now, 0.05) * 1000000), 2}
end
local wait = 0
if tokens < 1 then wait = (1 - tokens) * window / limit end
local taken = 0
if wait <= max_wait then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'limit', limit, 'tokens', tokens, 'updated', now)
redis.call('HDEL', KEYS[1], 'probe')
redis.call('PEXPIRE', KEYS[1], ARGV[8])
return {math.ceil(wait * 1000000), taken}
"""

_PROBE_LEASE = 1.0  # seconds one request may hold the "size unknown" probe
_PROBING = 2  # the script's answer while another request is finding out the size


class RedisRateLimiter:
    """One token bucket per organization in Redis, shared by every client, thread,
    process and machine given a limiter on the same Redis and `key` (`octogen[redis]`).

    ```python
    limiter = octogen.RedisRateLimiter("redis://cache:6379/0", key="octogen:acme")
    client = octogen.Client(rate_limiter=limiter)  # or OCTO_REDIS_URL=redis://cache:6379/0
    ```

    The bucket is sized from the `X-RateLimit-Limit` the API reports (requests per
    `window`) and lowered whenever a response's `X-RateLimit-Remaining` (a 429's
    included) shows the API's bucket emptier than the limiter thought. Each request waits
    for its token instead of drawing a 429; the wait counts against `call_timeout`. Until
    the first answer tells the size, requests go one at a time.

    When Redis cannot be reached the client keeps working on its in-process pacing (as
    with `pace=True`), one warning is logged, and Redis is tried again every
    `retry_interval` seconds: the limiter never fails a call on its own.

    Args:
        url: The Redis URL (`redis://`, `rediss://` or `unix://`; a password in it never
            shows in the limiter's repr).
        key: The Redis key of the bucket: one per organization (keys of one organization
            share its limit, so give them the same `key`).
        window: The period `X-RateLimit-Limit` counts over, in seconds (60 on the API).
        headroom: Tokens left unused in the organization's bucket, so that requests
            arriving a little out of step never find it empty.
        timeout: Seconds to wait for Redis before pacing in-process instead.
        retry_interval: Seconds between attempts to reach Redis again after a failure.

    Raises:
        ConfigurationError: The `redis` package is missing, or an argument is invalid.
    """

    def __init__(
        self,
        url: str = "redis://localhost:6379/0",
        *,
        key: str = "octogen:rate-limit",
        window: float = 60.0,
        headroom: int = 2,
        timeout: float = 1.0,
        retry_interval: float = 5.0,
    ) -> None:
        _check_settings(url, key, window, headroom, timeout, retry_interval)
        try:
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry
        except ImportError:
            raise ConfigurationError(
                "RedisRateLimiter needs the redis package: pip install 'octogen[redis]'",
                option="rate_limiter",
            ) from None
        self.url = url
        self.key = key
        self.window = float(window)
        self.headroom = headroom
        self.timeout = float(timeout)
        self.retry_interval = float(retry_interval)
        self._errors: tuple[type[Exception], ...] = (redis.RedisError, OSError)
        # No retries inside redis-py: a failure falls back to in-process pacing at once.
        self._redis: Redis = redis.Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
        )
        self._script = self._redis.register_script(_SCRIPT)
        self._lock = threading.Lock()
        self._seen: tuple[int, int, float] | None = None  # limit, remaining, when
        self._down_until = 0.0
        self._down = False

    def acquire(self, max_wait: float) -> float | None:
        """Take one token: the seconds to wait before sending (see `RateLimiter`)."""
        waited = 0.0
        while True:
            answer = self._run(max_wait - waited)
            if answer is None:
                return None
            wait, outcome = answer
            if outcome != _PROBING:  # a token taken, or refused as longer than max_wait
                return wait
            if waited + wait > max_wait:
                return None  # still no size known: this request paces on its own
            time.sleep(wait)  # another request is finding out the bucket's size
            waited += wait

    def observe(self, rate_limit: octogen.RateLimit | None) -> None:
        """Keep the latest reading; it is applied with the next `acquire`."""
        if rate_limit is None:
            return
        with self._lock:
            self._seen = (rate_limit.limit, rate_limit.remaining, time.monotonic())

    def reset(self) -> None:
        """Forget the bucket in Redis (a fresh start, e.g. in tests).

        Raises:
            redis.RedisError: Redis cannot be reached.
        """
        self._redis.delete(self.key)

    def close(self) -> None:
        """Close the connections to Redis (a later `acquire` opens them again)."""
        self._redis.close()

    def _run(self, max_wait: float) -> tuple[float, int] | None:
        """One run of the script: (wait, 1 taken / 0 refused / 2 probing), or None when
        Redis cannot be reached."""
        now = time.monotonic()
        with self._lock:
            if now < self._down_until:
                return None
            seen, self._seen = self._seen, None
        observed: list[str | int | float] = ["", "", 0]
        if seen is not None:
            observed = [seen[0], seen[1], round(max(0.0, now - seen[2]), 6)]
        ttl = int(max(10.0, 2 * self.window) * 1000)
        arguments = [self.window, self.headroom, *observed, _PROBE_LEASE, min(max_wait, 1e9), ttl]
        try:
            micros, outcome = self._script(keys=[self.key], args=arguments)
        except self._errors as error:
            self._went_down(error)
            return None
        if self._down:
            self._came_back()
        return int(micros) / 1_000_000, int(outcome)

    def _went_down(self, error: Exception) -> None:
        with self._lock:
            self._down_until = time.monotonic() + self.retry_interval
            first = not self._down
            self._down = True
        if first:
            _logger.warning(
                "rate limiter: Redis at %s cannot be reached (%s); pacing in-process "
                "until it is back (trying again every %g s)",
                _redact(self.url),
                type(error).__name__,
                self.retry_interval,
            )

    def _came_back(self) -> None:
        with self._lock:
            self._down = False
        _logger.warning("rate limiter: Redis at %s is back", _redact(self.url))

    def __repr__(self) -> str:
        return f"RedisRateLimiter({_redact(self.url)!r}, key={self.key!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RedisRateLimiter):
            return NotImplemented
        return self._settings() == other._settings()

    def __hash__(self) -> int:
        return hash(self._settings())

    def __reduce__(self) -> tuple[Any, ...]:
        # A new connection pool in the process that unpickles it.
        url, key, window, headroom, timeout, retry_interval = self._settings()
        return (_rebuild, (url, key, window, headroom, timeout, retry_interval))

    def _settings(self) -> tuple[str, str, float, int, float, float]:
        return (self.url, self.key, self.window, self.headroom, self.timeout, self.retry_interval)


def _rebuild(
    url: str, key: str, window: float, headroom: int, timeout: float, retry_interval: float
) -> RedisRateLimiter:
    return RedisRateLimiter(
        url,
        key=key,
        window=window,
        headroom=headroom,
        timeout=timeout,
        retry_interval=retry_interval,
    )


def _check_settings(
    url: object,
    key: object,
    window: object,
    headroom: object,
    timeout: object,
    retry_interval: object,
) -> None:
    def refuse(message: str) -> ConfigurationError:
        return ConfigurationError(f"RedisRateLimiter: {message}", option="rate_limiter")

    if not isinstance(url, str) or urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        shown = _redact(url) if isinstance(url, str) else repr(url)
        raise refuse(f"`url` must be a redis://, rediss:// or unix:// URL; got {shown}")
    if not isinstance(key, str) or not key:
        raise refuse(f"`key` must be a non-empty string; got {key!r}")
    for name, value in (("window", window), ("timeout", timeout)):
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise refuse(f"`{name}` must be a number of seconds > 0; got {value!r}")
    if (
        isinstance(retry_interval, bool)
        or not isinstance(retry_interval, int | float)
        or not retry_interval >= 0
    ):
        raise refuse(f"`retry_interval` must be a number of seconds >= 0; got {retry_interval!r}")
    if isinstance(headroom, bool) or not isinstance(headroom, int) or headroom < 0:
        raise refuse(f"`headroom` must be an integer >= 0; got {headroom!r}")


def _redact(url: str) -> str:
    """`url` without its password (`redis://:***@host`)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
