"""Auditing annual reports: the form's identities, the text against the tables, a year
against the year before, and values that cannot be right.

Framework-free core. ``registry.RULES`` lists every rule; ``run.audit_documents`` runs
them; ``batch.audit_paths`` reads and audits many files on all cores.
"""
