"""Partner organisations in the graph."""
