"""alumni in the graph."""
