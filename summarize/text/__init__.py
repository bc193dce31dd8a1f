"""Reading and preparing text: decode, ingest, clean, segment, language check, French
tokenization, lexicon, facts, and the OrangeSum loader. Imports nothing above it."""
