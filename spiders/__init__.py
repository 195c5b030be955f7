"""Scrapy spiders: discover article URLs for a source and yield PageItems."""
