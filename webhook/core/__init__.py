"""Cross-cutting pieces of the backend: password hashing and access tokens."""
