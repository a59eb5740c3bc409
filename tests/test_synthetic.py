"""The synthetic trusts the benchmark measures: valid, complete and the same every time.

Layers: unit for the generator (the same seed, the same files); cli for ``validate`` on what it
makes.
"""

from __future__ import annotations

from synthetic import make_trust

from conftest import digest
from sendreview.trust_view.aggregate import aggregate


def test_a_synthetic_trust_validates_without_a_problem(tmp_path, cli):
    make_trust(tmp_path, 6)
    result = cli("validate", tmp_path)
    assert result.exit_code == 0, result.output
    view = aggregate(tmp_path)
    assert [a.state for a in view.academies] == ["complete"] * 6
    assert view.actions
    assert view.peer_support


def test_the_same_seed_gives_the_same_files(tmp_path):
    make_trust(tmp_path / "a", 4, seed=7)
    make_trust(tmp_path / "b", 4, seed=7)
    make_trust(tmp_path / "c", 4, seed=8)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")
