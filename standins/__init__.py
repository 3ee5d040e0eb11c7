"""Stand-ins and demo data, kept out of the shipped stages: the synthetic corpus of review
documents (`standins.corpus`) and the local stand-in publisher sites (`standins.sites`) that the
tests, the demo and the benchmarks crawl. Needs the `standins` extra (reportlab)."""
