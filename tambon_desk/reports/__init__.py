"""Reports: one data structure (model.py) rendered to PDF (pdf.py) and Excel (xlsx.py).

Report modules build a :class:`~tambon_desk.reports.model.ReportDocument` from the
service layer; the renderers never compute numbers, so the PDF and the XLSX always agree.
"""
