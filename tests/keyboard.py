"""Driving a browser page from the keyboard alone."""

import pytest


def tab_to(page, selector, limit=80):
    """Press Tab until `selector` has focus, as a keyboard user would."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{selector} cannot be reached with Tab")
