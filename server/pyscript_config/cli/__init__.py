"""The `pyscript-config` command line: argument parsing, file discovery, reporters.

Nothing here is imported by the core; the core knows nothing about terminals.
"""
