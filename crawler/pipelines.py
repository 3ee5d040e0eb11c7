"""Item pipeline: archive documents by content hash and record their sources in the catalogue."""

from __future__ import annotations

import logging

from . import from_document, store
from .items import DocumentItem, FetchFailure

logger = logging.getLogger(__name__)


class CataloguePipeline:
    """Writes each ``DocumentItem`` to the archive and catalogue and each ``FetchFailure`` to
    its run; idempotent, so a resumed crawl adds no duplicates."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        spider = self.crawler.spider
        if isinstance(item, DocumentItem):
            if from_document.needs_reading(item):
                if from_document.decide(spider.catalogue, spider.archive, item):
                    spider.rejected_from_document[item.source][item.url] = item.context
            outcome = store.record_document(spider.catalogue, spider.archive, item)
            self.crawler.stats.inc_value(f"casereview/documents/{outcome}")
            logger.info("%s %s (%s)", outcome, item.url, item.source)
        elif isinstance(item, FetchFailure):
            run = spider.runs.get(item.source)
            if run is not None:
                store.record_failure(spider.catalogue, run[0], item)
            self.crawler.stats.inc_value(f"casereview/errors/{item.kind}")
            logger.warning("%s: %s (%s)", item.kind, item.url, item.detail)
        return item
