"""contractc: compile an OpenAPI contract and SQL tables into complete backends."""

__version__ = "0.1.0"
