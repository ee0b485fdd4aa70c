"""Screenshots of the plan and network screens with demo data (under Xvfb, 1280x800):

xvfb-run -a -s "-screen 0 1280x800x24 -dpi 96" python3 docs/screenshots/plan_screens.py
"""

import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import ttkbootstrap as ttk

from tambon_desk.app import App, configure_root
from tambon_desk.core import auth
from tambon_desk.core.context import Context
from tambon_desk.db import open_database
from tambon_desk.demo import plan as dp
from tambon_desk.registry import places as tambons
from tambon_desk.views.widgets import RecordingDialogs

out = ROOT / "docs" / "screenshots"
p = Path(tempfile.mkdtemp()) / "shot.db"
ctx = Context(db=open_database(p), db_path=p)
ctx.user = auth.create_user(ctx, "admin", "admin-pass", "admin", bootstrap=True)
tambons.add_tambon(
    ctx, "800101", [(1, "บ้านควนเกย"), (2, "บ้านนาดี"), (3, "บ้านท่าซัก"), (4, "บ้านโพธิ์ทอง")]
)
dp.build(ctx, random.Random(2569), None)
root = ttk.Window(themename="bootstrap-light", size=(1280, 800))
root.geometry("1280x800+0+0")
configure_root(root, ctx)
app = App(root, ctx, dialogs=RecordingDialogs(root), modal=False)


def shot(name):
    for _ in range(5):
        root.update()
        root.after(100)
        root.update_idletasks()
    subprocess.run(["import", "-window", "root", str(out / name)], check=True)


view = app.show_view("plan")
shot("plan-projects.png")
pid = view.projects.table.rows[1]["id"]
form = view.projects.open_project(pid)
form.geometry("1100x700+90+50")
shot("plan-project-form.png")
form.notebook.select(form.status_page)
shot("plan-project-status.png")
form.destroy()
view.notebook.select(view.editor)
shot("plan-issues.png")
view.notebook.select(view.summary)
shot("plan-summary.png")
net = app.show_view("network")
c = net.committees
root.update()
c.list.selection_set(c.list.get_children()[2])
root.update()
shot("network-committees.png")
net.notebook.select(net.partners)
root.update()
net.partners.list.selection_set(net.partners.list.get_children()[0])
root.update()
shot("network-partners.png")
net.notebook.select(net.lessons)
root.update()
net.lessons.list.selection_set(net.lessons.list.get_children()[0])
root.update()
shot("network-lessons.png")
root.destroy()
