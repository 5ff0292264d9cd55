"""Finding a level by the name a person types (pmpath.matching.find_level)."""

from __future__ import annotations

import pytest
from personas import shipped

from pmpath.errors import UnknownLevelError
from pmpath.framework import normalize_name
from pmpath.matching import find_level
from pmpath.model import Framework


@pytest.fixture(scope="module")
def ladder() -> Framework:
    return shipped()


@pytest.mark.parametrize(
    "name",
    [
        "senior-pm",
        "Senior PM",
        "sr pm",
        "Senior Product Manager",
        "SENIOR_PM",
        "s.r. p.m.",
        "  senior   pm  ",
        "Sr. Product Manager",
        "spm",
        "SeNiOr-Pm",
    ],
)
def test_names_of_senior_pm(ladder: Framework, name: str) -> None:
    assert find_level(ladder, name).id == "senior-pm"


@pytest.mark.parametrize(
    ("name", "level_id"),
    [
        ("APM", "apm"),
        ("Associate PM", "apm"),
        ("pm", "pm"),
        ("Product Manager II", "pm"),
        ("GPM", "group-pm"),
        ("Group PM", "group-pm"),
        ("Head of Product", "director"),
        ("VP Product", "vp-product"),
        ("vp of product", "vp-product"),
        ("Chief Product Officer", "cpo"),
        ("cpo", "cpo"),
    ],
)
def test_titles_and_aliases(ladder: Framework, name: str, level_id: str) -> None:
    assert find_level(ladder, name).id == level_id


@pytest.mark.parametrize(
    "name",
    ["Product Owner", "Technical Product Manager", "Lead PM", "Lead Product Manager", "SVP Product", "CPTO"],
)
def test_titles_that_are_not_levels_of_this_ladder(ladder: Framework, name: str) -> None:
    """A product owner, a lead PM or an SVP are different jobs at different companies: the
    ladder does not claim to know which level they are, so the name is refused, not guessed."""
    with pytest.raises(UnknownLevelError):
        find_level(ladder, name)


def test_pm_is_not_confused_with_apm(ladder: Framework) -> None:
    assert find_level(ladder, "p.m.").id == "pm"
    assert find_level(ladder, "a.p.m.").id == "apm"


def test_normalize_name_ignores_case_spaces_dots_dashes_underscores() -> None:
    assert normalize_name(" Sr._-PM ") == "srpm"
    assert normalize_name("VP/Product") == "vp/product"  # other punctuation stays significant


def test_unknown_name_suggests_and_lists_levels(ladder: Framework) -> None:
    with pytest.raises(UnknownLevelError) as caught:
        find_level(ladder, "senior pn")
    error = caught.value
    assert error.message == "unknown level 'senior pn'"
    assert error.hint is not None
    assert error.hint.startswith("Did you mean 'senior-pm'? ")
    assert error.hint.endswith("Valid levels: apm, pm, senior-pm, group-pm, director, vp-product, cpo")


def test_unknown_name_without_a_close_match_still_lists_levels(ladder: Framework) -> None:
    with pytest.raises(UnknownLevelError) as caught:
        find_level(ladder, "astronaut")
    assert caught.value.hint == "Valid levels: apm, pm, senior-pm, group-pm, director, vp-product, cpo"
    assert caught.value.exit_code == 2


def test_control_characters_in_an_unknown_name_are_escaped(ladder: Framework) -> None:
    with pytest.raises(UnknownLevelError) as caught:
        find_level(ladder, "evil\x1b[31m")
    assert "\x1b" not in caught.value.message
    assert "\\x1b" in caught.value.message
