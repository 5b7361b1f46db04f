# The portal's image, used by the web server, the Celery worker and the Celery beat scheduler alike.
# Front-end packages come from npm (package.json) and are served by the portal itself, never a CDN.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
# gettext for the translations; Pango, HarfBuzz and DejaVu Serif for the PDF documents (WeasyPrint).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 hdnd
WORKDIR /app
# Dependencies first, so editing the code does not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install .
COPY --from=assets /app/node_modules ./node_modules
COPY --chown=hdnd:hdnd . .
RUN mkdir -p var media staticfiles && chown -R hdnd:hdnd var media staticfiles
USER hdnd
EXPOSE 8000
CMD ["gunicorn", "hdnd_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
