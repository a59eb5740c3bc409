"""Cycles compared: what moved between two cycles of a trust's reviews, and the trend across
every cycle, built from each cycle's trust view."""
