"""Training and training data: the seq2seq trainer, its training pairs, fusion pairs, and
the small learned models of the select layer (sentence scorer, compressor)."""
