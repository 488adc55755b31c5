"""pyscript-config: validator and language server for PyScript configuration.

The package root stays import-light on purpose: the `validate` command runs as a
commit hook, so nothing heavy (pydantic, pygls, jsonschema) is imported here.
"""

__version__ = "0.1.0"
