"""onrecord: who said what, when, and who reacted, as a queryable record."""

__version__ = "0.1.0"
