"""The desk's services: the only write path. Each runs in one transaction and records an Event.

    cases      open a case from a notice, list, show, next actions
    contacts   record an outgoing contact (asks the planner's cadence guard first)
    plans      add a Plan of Action version (reviewed, diffed)
    documents  attach a document (checked, stored once by hash)
    replies    record Amazon's reply (status updated, what it asks for decoded)
    archive    export a case to one zip, import it back exactly
    doctor     check that the file store and the rows agree, repair what is safe

Services return plain dicts (JSON-ready) that the CLI, the API and the pages only render.
"""
