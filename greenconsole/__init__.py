"""Green Console: a debugging console for the GREEN-API notification queue."""

__version__ = "0.1.0"
