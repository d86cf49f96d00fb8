"""Errors a stage raises for bad input; the run turns them into `failed` rows."""


class IngestError(Exception):
    """A document cannot be read; the message is shown to the user as is."""


class DataFileError(Exception):
    """A shipped or user-supplied rule/vocabulary file is malformed."""


def too_large(what: str, size: int, limit: int, env_var: str) -> IngestError:
    """The one message for an input over a size limit (shared by text and PDF ingest)."""
    return IngestError(f"{what} is {size / 1e6:.1f} MB, larger than the {limit / 1e6:.1f} MB limit "
                       f"for one paper (set {env_var} to raise it)")
