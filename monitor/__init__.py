"""Self-hosted media monitor: crawl, extract, archive, match, alert."""

__version__ = "0.1.0"
