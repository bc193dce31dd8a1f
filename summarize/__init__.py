"""French multi-document news summarization.

Pipeline stages, one module each: ``ingest`` → ``clean`` → ``segment`` → ``rank``
→ ``pack`` → ``generate`` → ``check``; ``evaluate`` scores summaries with ROUGE.
"""

__version__ = "0.1.0"
