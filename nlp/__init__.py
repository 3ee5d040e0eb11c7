"""The NLP stage: metadata and themes decided from a document's text and publisher context."""
