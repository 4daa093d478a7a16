"""``python -m gongkai``: the same command as ``gongkai``."""

from gongkai.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
