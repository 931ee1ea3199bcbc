"""Domain errors raised below the HTTP layer; app/api/errors.py maps them to problems.

    OnrecordError
    ├── NotFound            a resource named by id or slug does not exist
    ├── InvalidParameter    a request value the query layer cannot use (e.g. a cursor)
    ├── Unavailable         a dependency such as the database does not answer
    │   └── QueryTimeout    one query ran past its time limit
    ├── Unauthenticated     a write (or a closed read) without a known API key
    ├── Forbidden           an API key that has been revoked
    ├── TooLarge            a request body or article over its configured limit
    └── AlreadyExists       a name that must be unique is taken (e.g. an API key's)

No HTTP imports here: status codes belong to the API layer.
"""


class OnrecordError(Exception):
    """Base of every error the application raises on purpose."""


class NotFound(OnrecordError):
    def __init__(self, resource: str, key: object) -> None:
        super().__init__(f"{resource} {key!r} not found")
        self.resource = resource
        self.key = key


class InvalidParameter(OnrecordError):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


class Unavailable(OnrecordError):
    def __init__(self, dependency: str, message: str) -> None:
        super().__init__(f"{dependency} unavailable: {message}")
        self.dependency = dependency
        self.message = message


class QueryTimeout(Unavailable):
    def __init__(self, limit_ms: int | None) -> None:
        limit = f"the {limit_ms} ms limit" if limit_ms else "its time limit"
        super().__init__("database", f"the query ran past {limit}; narrow the filters or retry")
        self.limit_ms = limit_ms


class Unauthenticated(OnrecordError):
    """No API key, or one the server does not know."""


class Forbidden(OnrecordError):
    """A known API key that may not be used (it was revoked)."""


class TooLarge(OnrecordError):
    def __init__(self, what: str, limit: int, unit: str) -> None:
        super().__init__(f"{what} is larger than the limit of {limit} {unit}")
        self.what = what
        self.limit = limit


class AlreadyExists(OnrecordError):
    def __init__(self, resource: str, key: object) -> None:
        super().__init__(f"{resource} {key!r} already exists")
        self.resource = resource
        self.key = key
