# The service's image: gunicorn serving app:create_app() as `make run` does, on 0.0.0.0:8000.
#   docker build -t article-repair .
#   docker run --rm -p 127.0.0.1:8000:8000 article-repair
# compose.yaml runs it beside a LanguageTool server. Settings are REPAIR_* variables (README).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # The workers' shared metrics files (gunicorn.conf.py empties the directory at start).
    REPAIR_METRICS_DIR=/tmp/repair-metrics

WORKDIR /app

# Dependencies first, so that a change of code does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# The service only: no tests, benchmarks or development files (.dockerignore).
COPY app.py gunicorn.conf.py ./
COPY repair/ repair/
COPY gazetteer/ gazetteer/
COPY web/ web/
COPY templates/ templates/
COPY static/ static/

# Not root: the service needs to write nothing but its metrics in /tmp.
RUN useradd --system --uid 10001 --no-create-home --home-dir /app repair
USER repair

EXPOSE 8000
# Alive (the gazetteer loads in a few seconds before the first answer).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# Two workers (gunicorn.conf.py); more without a rebuild: GUNICORN_CMD_ARGS="--workers 4"
# (arguments given here would win over that variable, so none but the bind is).
CMD ["gunicorn", "-c", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "app:create_app()"]
