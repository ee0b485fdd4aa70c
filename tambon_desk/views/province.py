"""The province dashboard (hub): tambons side by side, drill-down province → district →
tambon → village. Figures come from the `province` area; this screen only shows them.

Open a row (click its arrow, or Right/Enter on the keyboard) to see the rows below it; a
tambon's villages are fetched when it is first opened. Rows whose last bundle is older than
`STALE_DAYS` (or that never sent one) are marked, so an officer sees where data is stale.
"""

from __future__ import annotations

import datetime as _dt

import ttkbootstrap as ttk

from .. import plan, province
from ..core.errors import UserError
from ..core.i18n import N_, _
from ..thai import be_year, format_baht, format_date, format_month, parse_month
from .fonts import LARGE_TITLE

STALE_DAYS = 45
_GROUP_TITLES = {
    "own": N_("Own means"),
    "local_gov": N_("Local gov."),
    "outside": N_("Outside agencies"),
    "other": N_("Other"),
}


def _when(iso: str | None) -> str:
    if not iso:
        return _("never")
    when = (
        _dt.datetime.strptime(iso[:19], "%Y-%m-%dT%H:%M:%S")
        .replace(tzinfo=_dt.timezone.utc)
        .astimezone()
    )
    return format_date(when.date())


def is_stale(iso: str | None, today: _dt.date | None = None) -> bool:
    if not iso:
        return True
    today = today or _dt.date.today()
    return (today - _dt.date.fromisoformat(iso[:10])).days > STALE_DAYS


def row_values(row: province.Row) -> tuple:
    """The cells of one dashboard line, in column order (also used by the tests)."""
    pct = row.participation
    cells = [
        f"{row.households:,}",
        f"{row.recorded:,} / {row.target:,}",
        "–" if pct is None else f"{pct:.1f}%",
    ]
    for g in province.CHANNEL_GROUPS:
        cells.append(f"{row.projects[g]:,} · {format_baht(row.budget[g] // 100 * 100)}")
    cells += [f"{row.provincial:,}", f"{row.deficit_months:,}", _when(row.last_bundle)]
    return (row.name, *cells)


class ProvinceView(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        self.board = None
        self._request = 0
        self.rows: dict = {}  # tree item -> Row
        top = ttk.Frame(self)
        top.pack(fill="x")
        self.title = ttk.Label(top, text=_("Province dashboard"), font=LARGE_TITLE)
        self.title.pack(side="left")
        ttk.Button(top, text=_("Refresh"), command=self.refresh, bootstyle="secondary").pack(
            side="right"
        )
        self.month = ttk.Entry(top, width=9)
        y, m = (int(x) for x in province.default_month().split("-"))
        self.month.insert(0, f"{m:02d}/{be_year(y)}")  # typed and shown in the Buddhist Era
        self.month.pack(side="right", padx=6)
        self.month.bind("<Return>", lambda e: self.refresh())
        ttk.Label(top, text=_("Account-book month (MM/BE year)")).pack(side="right")
        self.subtitle = ttk.Label(self, text="", bootstyle="secondary")
        self.subtitle.pack(anchor="w", pady=(0, 6))
        cols = [
            ("households", _("Households"), 90),
            ("books", _("Books / target"), 125),
            ("pct", _("Participation"), 105),
        ]
        cols += [
            (g, _(_GROUP_TITLES.get(g, plan.GROUPS[g][0])), 130) for g in province.CHANNEL_GROUPS
        ]
        cols += [
            ("provincial", _("Provincial plan"), 90),
            ("deficit", _("Deficit months"), 90),
            ("bundle", _("Last bundle"), 110),
        ]
        # The table asks for a modest size and takes what the window gives; its own scroll
        # bars reach the columns a 1024-pixel screen cannot show (no sideways page scroll).
        frame = ttk.Frame(self, width=640, height=380)
        frame.grid_propagate(False)
        frame.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(
            frame, columns=[c[0] for c in cols], show="tree headings", height=18
        )
        self.tree.heading("#0", text=_("Area"), anchor="w")
        self.tree.column("#0", width=230, stretch=True)
        for key, title, width in cols:
            self.tree.heading(key, text=title, anchor="e")
            self.tree.column(key, width=width, anchor="e", stretch=False)
        self.tree.tag_configure("stale", foreground="#b35c00")
        ys = ttk.Scrollbar(frame, orient="vertical", command=self.tree.yview)
        xs = ttk.Scrollbar(frame, orient="horizontal", command=self.tree.xview)
        self.tree.configure(yscrollcommand=ys.set, xscrollcommand=xs.set)
        self.tree.grid(row=0, column=0, sticky="nsew")
        ys.grid(row=0, column=1, sticky="ns")
        xs.grid(row=1, column=0, sticky="ew")
        frame.rowconfigure(0, weight=1)
        frame.columnconfigure(0, weight=1)
        self.tree.bind("<<TreeviewOpen>>", self._opened)
        self.tree.bind("<Return>", self._toggle)
        ttk.Label(
            self,
            text=_(
                "Budgets are approved amounts in baht. Rows in orange: no bundle "
                "for more than {n} days."
            ).format(n=STALE_DAYS),
            bootstyle="secondary",
        ).pack(anchor="w", pady=(4, 0))

    def on_show(self):
        if self.board is None:
            self.refresh()

    def refresh(self):
        try:
            y, m = parse_month(self.month.get())
        except UserError as exc:  # Thai: "use MM/YYYY, e.g. 11/2569"
            self.app.set_status(str(exc))
            return
        month = f"{y:04d}-{m:02d}"

        def work(progress):
            progress(0, 1, _("Reading the province's figures"))
            return province.province_dashboard(month=month)

        self._request += 1
        asked = self._request  # a slower earlier answer must not win

        def done(board):
            if asked == self._request:
                self.show_board(board)

        self.app.run_task(work, title=_("Province dashboard"), on_done=done)

    def show_board(self, board):
        self.board = board
        self.tree.delete(*self.tree.get_children())
        self.rows.clear()
        p = board.province
        self.subtitle.configure(
            text=_("{t} tambons · {h} households · books of {m} · water year {y}").format(
                t=p.tambons,
                h=f"{p.households:,}",
                m=format_month(*(int(x) for x in board.month.split("-")), "short"),
                y=board.water_year_be,
            )
        )
        top = self._insert("", p, open_=True)
        for d in board.districts:
            item = self._insert(top, d)
            for t in board.children(d):
                titem = self._insert(item, t)
                self.tree.insert(titem, "end", text="…")  # villages fetched on opening
        children = self.tree.get_children(top)
        if children:
            self.tree.focus(children[0])
            self.tree.selection_set(children[0])
        self.tree.focus_set()

    def _insert(self, parent, row, open_=False):
        tags = ("stale",) if is_stale(row.last_bundle) else ()
        values = row_values(row)
        item = self.tree.insert(
            parent, "end", text=values[0], values=values[1:], open=open_, tags=tags
        )
        self.rows[item] = row
        return item

    def _opened(self, event=None):
        item = self.tree.focus()
        row = self.rows.get(item)
        if row is None or row.level != "tambon":
            return
        kids = self.tree.get_children(item)
        if len(kids) == 1 and kids[0] not in self.rows:
            self.tree.delete(kids[0])
            for v in province.village_rows(row, self.board.month, self.board.water_year_be):
                self._insert(item, v)

    def _toggle(self, event=None):
        item = self.tree.focus()
        if not item:
            return
        opening = not self.tree.item(item, "open")
        self.tree.item(item, open=opening)
        if opening:
            self._opened()
