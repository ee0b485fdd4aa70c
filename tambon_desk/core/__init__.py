"""Shared services every area stands on: the context, errors, audited writes and the audit
log, roles and users, configuration and settings, translations, shipped resources,
attachments and backups.

Import the module you need (`from tambon_desk.core import auth, records`); `core` is not an
area, so its modules are its API. It imports only `db` and `thai` below it.
"""
