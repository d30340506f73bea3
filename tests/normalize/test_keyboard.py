"""Typing slips: what one slip of a typist's fingers makes of a word."""

from __future__ import annotations

from watchlist.normalize.keyboard import NEIGHBOURS, one_slip, two_slips


def test_neighbouring_keys_are_neighbours_both_ways() -> None:
    assert ("k", "m") in NEIGHBOURS and ("m", "k") in NEIGHBOURS
    assert ("a", "p") not in NEIGHBOURS


def test_one_slip_is_a_swap_a_neighbouring_key_a_dropped_letter_or_an_extra_key() -> None:
    assert one_slip("sheki", "sheik")  # two letters swapped
    assert one_slip("sheimh", "sheikh")  # m beside k
    assert one_slip("maulan", "maulana")  # a letter left out
    assert one_slip("shaikkh", "shaikh")  # a key doubled
    assert one_slip("shaijkh", "shaikh")  # an extra key beside the next one


def test_another_letter_is_not_a_slip() -> None:
    assert not one_slip("shein", "sheik")  # n is not beside k
    assert not one_slip("shafik", "shaik")  # f is beside neither a nor i
    assert not one_slip("sheik", "sheik")
    assert not one_slip("shk", "sheik")


def test_two_slips_are_what_one_slip_then_another_make() -> None:
    typed = two_slips("company")
    assert "compnay" in typed  # one slip
    assert "comlnay" in typed  # l beside p, then n and a swapped
    assert "cppany" in typed  # p beside o, m left out
    assert "company" not in typed
    assert "compass" not in typed  # s is beside neither n nor y
