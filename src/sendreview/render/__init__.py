"""Every output: the terminal, problems as text/JSON/GitHub, data as CSV/JSON, reports."""
