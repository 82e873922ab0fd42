"""The one exception family drafter raises for anything a user can fix; the CLI prints it and exits."""


class DrafterError(Exception):
    """A problem with the user's input, ready to print as-is (one or a few plain lines)."""

    exit_code = 2


class ConfigError(DrafterError):
    """The config file cannot be read or does not validate."""


class CatalogError(DrafterError):
    """A module, theme or template file is malformed or missing."""


class OutputError(DrafterError):
    """The draft cannot be written where the user asked."""
