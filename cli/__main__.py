"""``python -m cli``: the same as the ``casereview`` command."""

from cli.main import main

main()
