"""Renderers of results: text, JSON, GitHub annotations, unified diffs."""
