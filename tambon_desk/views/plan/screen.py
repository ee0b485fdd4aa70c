"""Master plan screen: a notebook of the project list, the plan and its issues, and the
seed's summaries. See the tab modules for each part.
"""

from __future__ import annotations

import ttkbootstrap as ttk

from ...core.i18n import _
from ..fonts import TITLE
from .issues import PlanEditor
from .projects import ProjectList
from .summary import Summary


class PlanView(ttk.Frame):
    def __init__(self, master, app):
        super().__init__(master)
        self.app = app
        ttk.Label(self, text=_("Master plan"), font=TITLE).pack(anchor="w")
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True, pady=(6, 0))
        self.projects = ProjectList(self.notebook, app)
        self.editor = PlanEditor(self.notebook, app)
        self.summary = Summary(self.notebook, app)
        self.notebook.add(self.projects, text=_("Projects"))
        self.notebook.add(self.editor, text=_("Plan and issues"))
        self.notebook.add(self.summary, text=_("Summary"))
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self.on_show())

    def on_show(self):
        tab = self.notebook.nametowidget(self.notebook.select())
        if tab is self.projects:
            self.projects.load_choices()
            self.projects.refresh()
            self.projects.search.focus_set()
        elif tab is self.editor:
            self.editor.refresh()
        else:
            self.summary.load_choices()
            self.summary.refresh()
