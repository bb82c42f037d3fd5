"""Device snapshot files and merging (see issue 6)."""
