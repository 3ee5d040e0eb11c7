"""The crawler stage: a Scrapy project that gathers case reviews from their publishers.

``sources.json`` is the registry of publishers; ``parsers`` reads their listing pages;
``spiders/publishers.py`` is the one spider; ``pipelines`` archives what it fetches and records
``Source`` rows; ``sites/`` builds and serves the local stand-in sites used by tests and the demo.
"""
