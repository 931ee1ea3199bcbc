"""Select builders, filters and keyset pagination; nothing here imports FastAPI."""
