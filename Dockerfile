# syntax=docker/dockerfile:1
# Build: docker build -t alumni-gateway .
# Run:   docker run -p 8000:8000 -e DATABASE_URL=postgresql://... alumni-gateway

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md alembic.ini ./
COPY gateway ./gateway
COPY schema ./schema
COPY connectors ./connectors
COPY auth ./auth
# Wheels for the app and every dependency, so the runtime stage needs no
# compiler and no network.
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATABASE_URL=sqlite:////data/alumni-gateway.db
RUN useradd --create-home --uid 10001 gateway \
    && mkdir /data && chown gateway:gateway /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER gateway
WORKDIR /home/gateway
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/readyz', timeout=4)"
# `serve` applies pending migrations, then starts uvicorn: the same command
# the README runs.
CMD ["alumni-gateway", "serve"]
