"""Zalo Official Account: signed webhook events in, consultation messages out, through the same Rasa bot."""
