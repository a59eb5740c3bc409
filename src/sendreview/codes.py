"""The catalogue of problem codes.

Codes are stable: a trust's CI or a script may filter on them, so a code is never reused for a
different problem. The hundreds say what kind of problem it is:

- SR1xx the file itself cannot be read as YAML;
- SR2xx the structure is wrong (unknown key, wrong type, a value not allowed);
- SR3xx the file disagrees with the framework or the trust file;
- SR4xx the review is not finished (``--allow-incomplete`` makes these warnings);
- SR5xx the text looks like it holds pupil data (``--strict`` makes these errors);
- SR6xx a returned Excel form has a problem only a workbook can have;
- SR7xx the review against the academy's earlier cycles (answers copied unchanged);
- SR8xx an academy's SEN context (its counts of pupils) does not add up or is not filled in
  (SR807, not filled in yet, is unfinished work like SR4xx). A context file's structure, its
  academy and its cycle are checked with the SR1xx-SR3xx codes every file shares.
- SR9xx a moderation file (a moderator's ratings beside an academy's review) does not fit
  the review it moderates, or is not finished (SR903, SR908 and SR911 are unfinished work
  like SR4xx). Its structure, framework, academy, cycle, statements and ratings are checked
  with the SR1xx-SR3xx codes every file shares.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    "SR101": "file cannot be read",
    "SR102": "not a text file",
    "SR103": "file is not saved as UTF-8",
    "SR104": "not valid YAML",
    "SR105": "a key appears twice",
    "SR106": "file too large or too complex",
    "SR107": "file is empty",
    "SR108": "more than one document in a file",
    "SR201": "unknown key",
    "SR202": "required key missing",
    "SR203": "wrong type of value",
    "SR204": "value not allowed",
    "SR205": "not a real date",
    "SR206": "badly formed id",
    "SR207": "an id is used twice",
    "SR301": "unknown framework",
    "SR302": "framework version does not match",
    "SR303": "academy not in the trust file",
    "SR304": "academy given for a trust-level review",
    "SR305": "academy missing",
    "SR306": "file is in the wrong cycle folder",
    "SR307": "file name does not match the academy",
    "SR308": "two files review the same academy in a cycle",
    "SR309": "no trust file",
    "SR310": "statement not in the framework",
    "SR311": "statement missing",
    "SR312": "rating not on the framework's scale",
    "SR313": "rated and marked not applicable",
    "SR314": "action plan for an area the framework does not have",
    "SR315": "action refers to a statement the framework does not have",
    "SR316": "framework has no action plans",
    "SR317": "framework id clashes with a built-in framework",
    "SR318": "crosswalk does not match the frameworks",
    "SR319": "review date outside the cycle's term",
    "SR320": "cycle folder cannot be placed in time",
    "SR321": "cycle's start in the trust file is outside its term",
    "SR401": "statement not rated",
    "SR402": "not applicable without a reason",
    "SR403": "red or amber rating without areas for development",
    "SR404": "red or amber area without an action",
    "SR405": "action incomplete",
    "SR406": "review date missing",
    "SR501": "looks like a Unique Pupil Number",
    "SR502": "looks like an email address",
    "SR503": "looks like a phone number",
    "SR504": "looks like a date of birth",
    "SR505": "looks like a person's name where a role belongs",
    "SR506": "a file in the repository looks like a list of pupils",
    "SR601": "answers in a workbook row without a statement ref",
    "SR602": "a statement has two rows with different answers",
    "SR603": "a cell shows a spreadsheet error",
    "SR604": "part of the form is missing",
    "SR605": "an action without an area",
    "SR701": "answer copied unchanged from an earlier cycle",
    "SR801": "more pupils with SEN than pupils on roll",
    "SR802": "primary need counts do not add up to the pupils with SEN",
    "SR803": "primary need code not on the census list",
    "SR804": "more pupils with no specialist assessment (NSA) than on SEN support",
    "SR805": "census date outside the cycle's term",
    "SR806": "suspensions or exclusions without the period they cover",
    "SR807": "SEN context not filled in yet",
    "SR808": "an academy's SEN context given twice in a cycle",
    "SR901": "moderation of a review that does not exist",
    "SR902": "moderation on another framework than the review",
    "SR903": "moderator's role not given",
    "SR904": "moderator's academy not in the trust file",
    "SR905": "moderator's academy is the academy moderated",
    "SR906": "moderated statement the academy left unrated or not applicable",
    "SR907": "moderated rating differs from the academy's with no comment",
    "SR908": "nothing moderated yet",
    "SR909": "moderation date after today",
    "SR910": "moderation date outside the cycle's term",
    "SR911": "moderation date missing",
}

#: Unfinished work: ``--allow-incomplete`` makes these warnings.
COMPLETENESS = frozenset(code for code in CODES if code.startswith("SR4")) | {
    "SR807",
    "SR903",
    "SR908",
    "SR911",
}
PRIVACY = frozenset(code for code in CODES if code.startswith("SR5"))
