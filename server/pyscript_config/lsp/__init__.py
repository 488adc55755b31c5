"""The language server (LSP over stdio or TCP).

This package is the only place that imports pygls and lsprotocol, and only its
`server`, `positions`, `convert` and `handlers` modules do. The other modules here
are plain helpers (checking, completion, hover, actions, navigation, outline) that
the handlers call, so they can be tested in-process without a client.
"""
