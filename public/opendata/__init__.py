"""Open data: exactly what the public pages show, as CSV and JSON, and a page saying what each
field means. fields.py and columns.py describe the files once; data.py builds a strategy's plain
data, rows.py lays it out as CSV rows, and views.py serves the files and the page."""
