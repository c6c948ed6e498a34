"""${{ values.name }}: see README.md."""

# Only validated values (the DNS-label name) are rendered into Python code:
# the template imports this app to write openapi.json.

__version__ = "0.1.0"
