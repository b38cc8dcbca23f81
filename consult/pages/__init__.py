"""Pages about the platform itself, such as the accessibility statement."""
