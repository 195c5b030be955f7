"""Imported by the extraction workers' fork server, and only there.

The server loads the extractor and its language model once (half a second); every worker forked
from it starts warm and shares those pages instead of loading its own copy.
"""

from monitor.extract import warm_up

warm_up()
