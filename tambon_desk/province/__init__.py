"""The provincial information system (ระบบสารสนเทศจังหวัด): read services for the hub's
province dashboard — tambons side by side, rolled up to districts and the province, with
the villages of a tambon as the last drill-down step. Read only: the hub is written by the
tambons' bundles and by its officers through the other areas' services.
Modules: figures.
"""

from .figures import (
    CHANNEL_GROUPS,
    Dashboard,
    Row,
    default_month,
    last_bundles,
    province_dashboard,
    stalest,
    village_rows,
)

__all__ = [
    "CHANNEL_GROUPS",
    "Dashboard",
    "Row",
    "default_month",
    "last_bundles",
    "province_dashboard",
    "stalest",
    "village_rows",
]
