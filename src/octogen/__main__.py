"""`python -m octogen`: the smoke check (see `octogen-smoke --help`)."""

from ._smoke import main

raise SystemExit(main())
