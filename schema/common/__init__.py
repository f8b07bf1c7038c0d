"""common in the graph."""
