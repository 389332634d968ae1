"""`RetryClass`, in a module of its own: the retry policy reads it on every call, and
`import octogen` should not load the operation table to get it."""

import enum


class RetryClass(enum.Enum):
    """How an operation may be retried (CONTRACT-LIVE.md §1.7 and §7, "Retry-safe?").

    Attributes:
        READ: Changes nothing (POST reads included): every transient failure is retried.
        IDEMPOTENT_CHANGE: A change that is harmless to repeat (a set-add, a delete):
            retried like a read.
        CREATE: Creates something, and a second copy is refused (`409`): retried only
            when the request certainly did not take effect (429, 503, or a failure to
            connect), never after a failure once it may have reached the server.
        SCHEDULE: Schedules work, where a duplicate only schedules it again: retried on
            503 and on connection failures, not on other statuses.
    """

    READ = "read"
    IDEMPOTENT_CHANGE = "idempotent change"
    CREATE = "create"
    SCHEDULE = "schedule"
