"""One use case per command: each takes plain arguments, returns data, and never prints."""
