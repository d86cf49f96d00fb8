"""Errors a stage raises for bad input; the run turns them into `failed` rows."""


class IngestError(Exception):
    """A document cannot be read; the message is shown to the user as is."""


class DataFileError(Exception):
    """A shipped or user-supplied rule/vocabulary file is malformed."""
