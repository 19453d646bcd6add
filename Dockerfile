# The platform's image: the web server (gunicorn), the Celery worker and beat all run from it
# (see docker-compose.yml, which picks the command of each).
# Pinned to a patch release: an upgrade is a deliberate change of this line.
FROM python:3.11.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=wco_platform.settings.production

# WeasyPrint's runtime libraries (Pango, HarfBuzz) and a font for the PDF reports; the
# PostgreSQL 15 client (pg_dump, pg_restore, psql) for manage.py backup and restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, exactly as locked (every package pinned, with its hashes: `make lock`
# writes requirements.lock from pyproject.toml), so that a change to the code does not
# reinstall them and a build never picks up a release nobody has tested.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

# Only the code: never .venv, var/ or a local .env.
COPY manage.py ./
COPY wco_platform ./wco_platform
COPY core ./core
COPY governance ./governance
COPY facilitation ./facilitation
COPY security ./security
COPY capacity ./capacity
COPY cooperation ./cooperation
COPY reports ./reports
COPY templates ./templates
COPY static ./static

# A non-root user; it owns var/ (collected static files) and the directories that named
# volumes are mounted on (media files, Prometheus's per-process files, backups), so that they
# start out writable by it.
RUN useradd --system --create-home --uid 1000 wco \
    && mkdir -p /app/var /data/media /data/metrics /data/backups \
    && chown -R wco:wco /app/var /data/media /data/metrics /data/backups
ENV DJANGO_MEDIA_ROOT=/data/media
USER wco

EXPOSE 8000
# The access log is Django's (one JSON line per request, with its id and user): gunicorn's own
# is left off.
CMD ["gunicorn", "wco_platform.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
