"""Settings, read from the environment (and `.env`) once and cached."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{Path('data') / 'onrecord.db'}",
        description="SQLAlchemy URL; a relative SQLite path is resolved from the working directory.",
    )
    pool_size: int = Field(default=10, ge=1, le=200)
    cors_origins: list[str] = Field(default_factory=lambda: ["*"])
    seed_dir: Path = PROJECT_ROOT / "seed_data"
    cache_max_age: int = Field(default=0, ge=0, description="Cache-Control max-age for GET responses.")
    # Access and limits (ISSUE 6). Writes always need an API key; reads only when asked.
    read_requires_key: bool = Field(default=False, description="Require an API key for reads too.")
    max_body_bytes: int = Field(default=2_000_000, ge=1, description="Largest request body accepted (413).")
    max_article_chars: int = Field(
        default=200_000, ge=1, description="Longest article text POST /documents accepts, in characters."
    )
    max_query_chars: int = Field(default=500, ge=1, description="Longest `q` search text accepted (422).")
    query_timeout_ms: int = Field(
        default=5_000, ge=0, description="Time limit of one SQL statement run by the API (503); 0 = none."
    )
    serve_workers: int = Field(default=1, ge=1, le=64, description="`onrecord serve` processes.")
    worker_threads: int = Field(
        default=8, ge=1, le=200, description="Threads that run blocking work (queries) at once, per process."
    )
    # Benchmarks only (bench/load.py): serve this file's bytes at /_bench/ceiling.
    bench_ceiling_body: Path | None = Field(default=None, description="Benchmark ceiling body; unset in use.")


@lru_cache
def get_settings() -> Settings:
    return Settings()
