"""Rasa action server: one module per conversation flow."""
