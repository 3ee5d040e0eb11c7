"""The ingest stage: archived files become catalogue records with text per page and metadata."""
