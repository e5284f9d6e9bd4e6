"""The planner: a case's history in; the next actions, warnings, clocks and strikes out.

Pure core: plain data in, plain data out, no database. The desk builds a ``History`` from
its records and calls ``plan`` for the next actions and ``check_contact`` before it records
an outgoing contact.
"""

from reinstate.core.planner.cadence import check_contact
from reinstate.core.planner.models import (
    Action,
    Clock,
    ContactVerdict,
    History,
    Plan,
    PlannerSettings,
    PoaVersionInfo,
    Strikes,
)
from reinstate.core.planner.planning import plan

__all__ = [
    "Action",
    "Clock",
    "ContactVerdict",
    "History",
    "Plan",
    "PlannerSettings",
    "PoaVersionInfo",
    "Strikes",
    "check_contact",
    "plan",
]
