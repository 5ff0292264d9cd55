"""pmpath: the product-manager career ladder as a command-line self-assessment."""

__version__ = "0.1.0"
