"""The write fixtures (an app per backend, an API key) shared with the security tests."""

from tests.writes.conftest import api_key, auth, client, settings  # noqa: F401
