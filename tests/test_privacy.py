"""What the privacy check flags, and what ordinary review prose it leaves alone."""

from __future__ import annotations

import pytest

from sendreview.checks.privacy import _findings

FLAGGED = [
    ("Plan for B801200005001 agreed", "SR501"),
    ("temporary number A12345678901B", "SR501"),
    ("email parent.carer@example.org today", "SR502"),
    ("call 07700 900123.", "SR503"),
    ("call +44 7700 900123", "SR503"),
    ("office (01632) 960123", "SR503"),
    ("DOB 14/03/2016", "SR504"),
    ("date of birth: 3 March 2016", "SR504"),
    ("born on 1st May 2015", "SR504"),
    ("Mrs Patel leads this", "SR505"),
    ("met Dr. Okafor (EP)", "SR505"),
    ("Miss Brown", "SR505"),
]

LEFT_ALONE = [
    "14% of pupils (61 of 430) are on SEN support.",
    "Reviewed on 12/03/2026 with the SENCO.",
    "See SEND_Code_of_Practice_January_2015.pdf, paragraph 6.44.",
    "Drama group and Mrsa training",  # no title followed by a name
    "Year 7 reading ages rose by 14 months on average (2025-26).",
    "URN 990001; DfE number 8012345.",
    "ref 0123456789x",
]


@pytest.mark.parametrize(("text", "code"), FLAGGED)
def test_flagged(text, code):
    assert [c for c, _ in _findings(text)] == [code]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_left_alone(text):
    assert list(_findings(text)) == []
