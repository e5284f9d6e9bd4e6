"""Intake: read an Amazon notice or reply (e-mail, pasted text, forwarded mail, mbox).

from reinstate.core.notice import read_notice
notice = read_notice(Path("notice.eml").read_bytes(), source="notice.eml")
notice.contract()     # the ``reinstate parse --json`` object
notice.case_facts()   # the identifiers for the case
"""

from reinstate.core.notice.model import CitedItem, Clock, Notice
from reinstate.core.notice.reader import read_notice, read_notices

__all__ = ["CitedItem", "Clock", "Notice", "read_notice", "read_notices"]
