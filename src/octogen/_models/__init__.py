"""Public value classes: frozen attrs models built from the wire format. No I/O.

`import octogen` does not import these modules: `octogen.Product` and the other models load
on first use (see `octogen/__init__.py`).
"""


def reads_as_octogen(*public: type) -> None:
    """Make classes that `octogen` re-exports read as `octogen.<Name>` in reprs, tracebacks
    and pickles, however they were first reached (`octogen.Product`, or a search result
    built before `octogen.Product` was ever named)."""
    for cls in public:
        cls.__module__ = "octogen"
