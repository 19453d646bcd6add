# The platform's image: the web server (gunicorn), the Celery worker and beat all run from it
# (see docker-compose.yml, which picks the command of each).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=wco_platform.settings.production

# WeasyPrint's runtime libraries (Pango, HarfBuzz) and a font for the PDF reports.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, from pyproject.toml alone (it installs no package of its own), so that a
# change to the code does not reinstall them.
COPY pyproject.toml ./
RUN pip install . && rm -rf build *.egg-info

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

# A non-root user; it owns var/ (collected static files) and the media directory, so that a
# named volume mounted on /data/media starts out writable by it.
RUN useradd --system --create-home --uid 1000 wco \
    && mkdir -p /app/var /data/media \
    && chown -R wco:wco /app/var /data/media
ENV DJANGO_MEDIA_ROOT=/data/media
USER wco

EXPOSE 8000
CMD ["gunicorn", "wco_platform.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-"]
