"""The backend's HTTP API: one router per audience under routes/, shared dependencies in deps.py."""
