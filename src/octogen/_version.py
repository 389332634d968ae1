"""The package version, kept in this one place (hatch reads it at build time)."""

__version__ = "0.1.0"
