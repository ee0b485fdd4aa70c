"""The master-plan screens (`screen.PlanView`: projects, plan and issues, summaries; the
project window) and the network screen (committees, partners, lessons)."""
