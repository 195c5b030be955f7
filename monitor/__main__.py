"""`python -m monitor` is how the scheduler and the demo start a crawl in a child process."""

from monitor.cli import cli

if __name__ == "__main__":
    cli()
