"""The crawler's spiders: one, ``publishers``, reads every source in the registry."""
