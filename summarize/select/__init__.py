"""Choosing what to say: rank, salience, plan (with its readability rules), compress, pack,
the Summarizer interface and the extractive baselines. Imports only ``text`` and the core."""
