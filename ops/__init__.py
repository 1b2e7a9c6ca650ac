"""Operating the product: preparing artefacts, training Rasa, starting and stopping the services."""
