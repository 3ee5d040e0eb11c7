"""Scrapy settings of the crawler, taken from the one casereview configuration (CASEREVIEW_CRAWL_*
environment variables, documented in the README)."""

from casereview.config import Config

_config = Config.from_env()
_contact = _config.crawl_contact or "contact not configured"

BOT_NAME = "casereview"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Being a good citizen: an honest User-Agent with a contact, robots.txt, few requests at once.
USER_AGENT = f"{_config.crawl_user_agent} (UK child case review repository; +{_contact})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = max(1, min(2, _config.crawl_concurrency))
DOWNLOAD_DELAY = _config.crawl_delay
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = _config.crawl_delay
AUTOTHROTTLE_MAX_DELAY = max(60.0, _config.crawl_delay)
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = _config.crawl_timeout
RETRY_TIMES = _config.crawl_retries
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = min(1.0, _config.crawl_delay) if _config.crawl_delay else 0.2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Bounds.
DOWNLOAD_MAXSIZE = _config.crawl_max_mb * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
DEPTH_LIMIT = _config.crawl_max_depth
URLLENGTH_LIMIT = _config.crawl_max_url_length
REDIRECT_MAX_TIMES = 5
# Each name resolved once; connections go to exactly the checked address (no DNS rebinding).
TWISTED_DNS_RESOLVER = "crawler.resolver.PinnedAddressResolver"
CASEREVIEW_MAX_PAGES_PER_SOURCE = _config.crawl_max_pages
CASEREVIEW_ALLOW_HOSTS = [h.strip() for h in _config.crawl_allow_hosts.split(",") if h.strip()]
CASEREVIEW_SITES_URL = _config.crawl_sites_url

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.PolicyMiddleware": 50,
    "crawler.middlewares.ConditionalRequestMiddleware": 560,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.RedirectGuardMiddleware": 650,
    "crawler.middlewares.ProgressMiddleware": 950,
}
ITEM_PIPELINES = {"crawler.pipelines.CataloguePipeline": 300}

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
