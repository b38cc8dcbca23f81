"""Full-text search over the agenda, the discussion around it and the knowledge platform."""
