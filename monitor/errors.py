"""Errors the CLI turns into messages; everything else is a bug and keeps its traceback."""


class MonitorError(Exception):
    """Base for errors a user can act on."""


class TooBig(MonitorError):
    """A page over the crawler's size limit once decompressed: refused as it is read."""

    def __init__(self, limit: int, where: str = ""):
        super().__init__(
            f"{where}over {limit // 2**20} MiB once decompressed (a compression bomb?): refused, "
            "as the crawler refuses such pages"
        )


class ConfigError(MonitorError):
    """The config file is missing or wrong; carries every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class QueryError(MonitorError):
    """A rule query does not parse; names the column."""

    def __init__(self, message: str, column: int | None = None):
        self.column = column
        super().__init__(message)


class StorageError(MonitorError):
    """The archive cannot be opened or a statement is refused."""


class DeliveryError(MonitorError):
    """A channel could not deliver an alert.

    `permanent`: retrying will not help (SMTP 5xx, bad credentials, HTTP 4xx); `retry_after`:
    seconds the receiver asked us to wait; `gone`: the endpoint said it no longer exists (410).
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        gone: bool = False,
    ):
        self.permanent = permanent or gone
        self.retry_after = retry_after
        self.gone = gone
        super().__init__(message)
