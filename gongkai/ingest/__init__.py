"""Readers: one adapter per file format into the shared layout (``gongkai.ingest.layout``)."""
