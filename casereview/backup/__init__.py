"""Backups of what the repository keeps (the catalogue and the archive) as files in a folder;
``index_mappings.backup`` adds the index and writes the manifest."""

from __future__ import annotations


class BackupError(Exception):
    """A backup or restore that cannot go on, worded for the person at the terminal."""
