"""The `reqlint` command, run from the package's engine (`python -m reqlint`)."""

import sys

from . import _reqlint


def main() -> None:
    """Runs `reqlint` with the process's arguments and exits with its status."""
    sys.exit(_reqlint.cli(["reqlint", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
