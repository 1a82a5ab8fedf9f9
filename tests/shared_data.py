"""The verified facts in ../shared/data/, which the collection is checked against."""

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_data_file(name):
    """The path of ../shared/data/<name>. Missing, it skips a local run, but fails under CI:
    there a skip would pass the facts checks without checking anything."""
    path = SHARED_DATA / name
    if not path.exists():
        message = f"{path} is not beside this checkout"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
