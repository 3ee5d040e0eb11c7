"""The ``casereview`` command: the top layer, above every stage. Its subcommands live here or in a
stage's ``commands`` module, listed in ``cli.main.COMMANDS``; no stage imports this package."""
