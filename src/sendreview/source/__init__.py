"""YAML to model and back: reading with positions, explaining broken YAML, one writing policy."""
