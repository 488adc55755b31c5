"""Rule data, one module per family of codes (see `rules/registry.py`)."""
