"""Domain errors raised below the HTTP layer; app/api/errors.py maps them to problems.

    OnrecordError
    ├── NotFound            a resource named by id or slug does not exist
    ├── InvalidParameter    a request value the query layer cannot use (e.g. a cursor)
    └── Unavailable         a dependency such as the database does not answer

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
