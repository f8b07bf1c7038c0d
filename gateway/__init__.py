"""The alumni partner gateway: app assembly, settings, database, CLI."""
