"""Rules: small functions from a config region (and its context) to diagnostics."""
