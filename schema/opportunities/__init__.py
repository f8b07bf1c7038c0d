"""opportunities in the graph."""
