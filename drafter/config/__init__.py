"""Reading and validating the user's YAML config."""

from drafter.config.loader import load_config
from drafter.config.model import Config

__all__ = ["Config", "load_config"]
