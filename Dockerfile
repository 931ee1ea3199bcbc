# onrecord API: slim Python, non-root, schema migrated at start, seed loaded into an empty DB.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATABASE_URL=sqlite:////data/onrecord.db

WORKDIR /srv/onrecord
RUN useradd --create-home --uid 10001 onrecord && mkdir -p /data && chown onrecord /data

COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY seed_data ./seed_data
RUN pip install -e .

USER onrecord
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status == 200 else 1)"

CMD ["sh", "-c", "onrecord db upgrade && onrecord serve --host 0.0.0.0 --port 8000"]
