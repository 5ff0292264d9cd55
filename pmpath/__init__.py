"""pmpath: the product-manager career ladder as a command-line self-assessment."""

__version__ = "0.2.0"
PROJECT_URL = "https://github.com/pmpath/pmpath"
DOCS_URL = f"{PROJECT_URL}#readme"


def upgrade_hint() -> str:
    """The command that upgrades pmpath the way this copy was installed."""
    import os
    import sys

    prefix = sys.prefix.replace(os.sep, "/")
    if "/pipx/venvs/" in prefix:
        return "pipx upgrade pmpath"
    if "/uv/tools/" in prefix:
        return "uv tool upgrade pmpath"
    python = sys.executable or "python3"
    if sys.prefix != sys.base_prefix:  # a virtual environment
        return f"{python} -m pip install --upgrade pmpath"
    return f"{python} -m pip install --user --upgrade pmpath"
