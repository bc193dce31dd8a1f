"""Models and decoding: the copy model, tokenizer, generation in torch and ONNX runtimes,
beam search, source constraints, fusion, the model registry and catalog, and the loader of
every summarizer by name (``--model``)."""
