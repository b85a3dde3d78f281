"""Rule families, one module each; :mod:`repair.registry` collects them."""
