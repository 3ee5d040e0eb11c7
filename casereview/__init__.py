"""casereview: the shared core (configuration, catalogue, archive, engine, CLI)."""
