"""What we know about PyScript releases, kept as data rather than scattered `if`s."""
