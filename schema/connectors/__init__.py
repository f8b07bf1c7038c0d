"""Partners manage their feed connectors and read their sync runs."""
