"""USB hand-over (ARCHITECTURE.md, "Exchange", issue 7): export, verify, import/merge bundles.

The public service API; the CLI (`exchange.commands`) and the views call only these.

* `export_bundle(ctx, out_dir, village=, since_last=)` -> ExportResult
* `verify(path)` -> VerifiedBundle, or BundleError with a Thai message
* `import_bundle(ctx, path, dry_run=)` -> MergeReport (dry run first, then for real);
  `import_bundles(ctx, paths)` for a district merging many (one backup for the batch)
* `list_conflicts()`, `restore_conflict(ctx, c)`, `dismiss_conflict(ctx, c)`
* `removable_drives()` for the export folder picker
"""

from .bundle import BundleError, VerifiedBundle, verify
from .conflicts import (
    conflict_differences,
    dismiss_conflict,
    list_conflicts,
    restore_conflict,
)
from .crypto import is_sealed
from .drives import Drive, removable_drives
from .export import ExportError, ExportResult, export_bundle
from .merge import MergeReport, combined, import_bundle, import_bundles
from .office import set_office_name, this_office

__all__ = [
    "BundleError",
    "Drive",
    "ExportError",
    "ExportResult",
    "MergeReport",
    "VerifiedBundle",
    "combined",
    "conflict_differences",
    "dismiss_conflict",
    "export_bundle",
    "import_bundle",
    "import_bundles",
    "is_sealed",
    "list_conflicts",
    "removable_drives",
    "restore_conflict",
    "set_office_name",
    "this_office",
    "verify",
]
