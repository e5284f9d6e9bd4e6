"""The exception tree. The CLI maps it to exit codes, the web layer to HTTP statuses.

ReinstateError                 anything the user can act on (exit 2 unless said otherwise)
├── InputError                 an unreadable, empty or malformed input (exit 2)
├── KnowledgeError             a knowledge or rule file that does not validate (exit 2)
├── NotFoundError              a case, document or rule that does not exist (exit 2)
└── RefusedError               an action the rules refuse, e.g. the cadence guard (exit 1)
"""


class ReinstateError(Exception):
    """Base class: the message is shown to the user as it is."""

    exit_code = 2


class InputError(ReinstateError):
    """The input cannot be read or is empty."""


class KnowledgeError(ReinstateError):
    """A knowledge file is broken; the message names the file and the entry."""


class NotFoundError(ReinstateError):
    """The named object does not exist."""


class RefusedError(ReinstateError):
    """The action is refused by a rule (the reason is the message)."""

    exit_code = 1
