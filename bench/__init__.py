"""Newsroom's benchmarks: `make bench` or `python -m bench` (see the README's Performance section).

corpus/         a seeded generator of articles in the seeds' style, with the truth it wrote
accuracy.py     the parser's extraction scored against that truth
importing.py    parse and load throughput, queries per article, peak memory, re-import
pages.py        gunicorn under wrk: public pages cold and warm against a static file
admin.py        the article and quote changelists: queries and time per request
search.py       PostgreSQL full-text search at 10,000 and 100,000 articles, with and without GIN
environment.py  child processes, scratch databases and gunicorn (shared with `make stress`)
context.py      what a run knows (sizes, folders, databases) and how a stage reports
report.py       the table printed at the end and ``bench/results/latest.json``
"""
