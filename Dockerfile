# The search app and the `casereview` command in one image, for docker-compose.yml: the app
# (`casereview serve`, gunicorn) and the crawl timer run from it. Written for Docker/Podman but
# not built here: the development machine has no container engine (see the README).
FROM python:3.11-slim-bookworm

# Tesseract for the OCR of scanned pages in ingest (English and Welsh).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . /app
# psycopg for a PostgreSQL catalogue (CASEREVIEW_DATABASE_URL=postgresql+psycopg://…).
RUN pip install --no-cache-dir . "psycopg[binary]>=3.1,<4" \
    && useradd --create-home --uid 10001 casereview \
    && mkdir -p /data && chown casereview /data

USER casereview
ENV CASEREVIEW_DATA_DIR=/data \
    CASEREVIEW_WEB_HOST=0.0.0.0 \
    CASEREVIEW_WEB_PORT=5000
VOLUME /data
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/healthz', timeout=4)"]
CMD ["casereview", "serve"]
