"""Messaging platforms the backend connects citizens from (the web chat is webhook/api/routes/chat.py)."""
