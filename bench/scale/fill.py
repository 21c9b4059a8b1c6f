"""Fills a Parley SQLite database with bench/scale/fill-sqlite.sql (see there).

    python3 bench/scale/fill.py DB_FILE COMMENTS GUESTS NOW_EPOCH_MS [-v]   # -v: the time each statement took
"""
import hashlib
import pathlib
import sqlite3
import sys
import time

db_file, comments, guests, now = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
db = sqlite3.connect(db_file, isolation_level=None)
db.create_function("sha256_hex", 1, lambda text: hashlib.sha256(text.encode()).hexdigest(), deterministic=True)
script = (pathlib.Path(__file__).parent / "fill-sqlite.sql").read_text()
params = {"comments": comments, "guests": guests, "now": now}
db.execute("BEGIN")
statement = ""
for line in script.splitlines(keepends=True):
    if line.lstrip().startswith("--"):
        continue
    statement += line
    if sqlite3.complete_statement(statement):
        text = statement.strip()
        statement = ""
        if text.upper().startswith("PRAGMA"):
            db.execute("COMMIT")
            db.execute(text)
            db.execute("BEGIN")
        else:
            started = time.monotonic()
            db.execute(text, {k: v for k, v in params.items() if ":" + k in text})
            if "-v" in sys.argv[5:]:
                print(f"{time.monotonic() - started:6.1f} s  {text.splitlines()[0][:90]}", file=sys.stderr)
db.execute("COMMIT")
db.close()
