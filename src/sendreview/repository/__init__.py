"""A trust's review repository on disk: its layout and trust file, frameworks, crosswalks,
loading and checking reviews, the scaffold of ``new``, schemas and the CI workflow."""
