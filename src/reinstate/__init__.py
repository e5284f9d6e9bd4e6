"""reinstate: a case desk for deactivated Amazon selling accounts."""

__version__ = "0.1.0"
__all__ = ["__version__"]
