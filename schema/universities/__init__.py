"""universities in the graph."""
