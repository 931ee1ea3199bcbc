"""Schemathesis fuzzes every operation of the API from its own OpenAPI document.

Reads and writes (with an API key), data that fits the schema and data that does not:
no response may be a server error (`not_a_server_error`) or break the schema declared
for its status (`response_schema_conformance`). Small and derandomised in `make test`;
`pytest -m stress` runs many more, random, examples.
"""

import os
from collections import Counter

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from app.config import Settings
from app.main import create_app
from tests.writes.conftest import ARTICLE

CHECKS = [not_a_server_error, response_schema_conformance]


def fuzz(database_url: str, auth: dict[str, str], examples: int, random: bool) -> tuple[Counter, list[str]]:
    """Run every operation in both generation modes; return requests per operation and failures."""
    app = create_app(Settings(database_url=database_url))
    with TestClient(app) as client:  # something to read, delete and post again
        for day in ("Monday", "Tuesday"):
            client.post("/documents", json={"title": day, "text": f"{ARTICLE} On {day}."}, headers=auth)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    sent: Counter = Counter()
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            label = f"{operation.method.upper()} {operation.path} ({mode.value})"
            count = lambda label=label: sent.update([label])  # noqa: E731
            try:
                hypothesis_test(operation, mode, count, auth, examples, random)()
            except Unsatisfiable:
                continue  # e.g. GET /health has no input that could be made invalid
            except Exception as exc:  # collect every operation's failure, then report them all
                failures.append(f"{label}: {exc}")
    return sent, failures


def hypothesis_test(operation, mode, count, auth: dict[str, str], examples: int, random: bool):
    """A Hypothesis test that calls `operation` with generated cases and runs CHECKS."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        derandomize=not random,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        count()
        response = case.call(headers=auth)
        case.validate_response(response, checks=CHECKS)

    return check


def report(sent: Counter, failures: list[str]) -> None:
    print(f"\nschemathesis: {sum(sent.values())} generated requests over {len(sent)} operation/mode pairs")
    for label, count in sorted(sent.items()):
        print(f"  {count:5d}  {label}")
    assert not failures, "\n\n".join(failures)


def test_fuzz_the_whole_api_from_its_openapi(database_url, auth):
    sent, failures = fuzz(database_url, auth, examples=20, random=False)
    report(sent, failures)
    assert sum(sent.values()) >= 200


@pytest.mark.stress
def test_fuzz_long(database_url, auth):
    examples = int(os.environ.get("ONRECORD_FUZZ_EXAMPLES", "300"))
    report(*fuzz(database_url, auth, examples=examples, random=True))
