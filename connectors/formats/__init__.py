"""Feed formats: one module per source format behind `FeedFormat`."""
