"""The service's HTTP parts beside app.py's routes: the LanguageTool-compatible API, the API's
description, security (keys, CORS, limits) and observability (logs, metrics, health).

Flask lives here and in app.py only; repair/ stays plain Python.
"""
