#!/usr/bin/env bash
# Load without a single error: gunicorn (2 workers) on PostgreSQL, 64 connections of mixed
# public traffic for about 60 s on 127.0.0.1 while an editor publishes drafts in the admin.
# Fails on any 5xx, any socket error, or a published draft missing from the timeline.
# Usage: bench/load.sh            (LOAD_SECONDS, LOAD_CONNECTIONS, LOAD_VIDEOS to vary)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
seconds=${LOAD_SECONDS:-60}
connections=${LOAD_CONNECTIONS:-64}
videos=${LOAD_VIDEOS:-10000}
database=goodreason_load
work=$(mktemp -d -t goodreason-load.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$database
export DJANGO_SETTINGS_MODULE=archive.settings DEBUG=0 ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="load-only-$(date +%s%N)" MEDIA_ROOT="$work/media" LOG_LEVEL=WARNING
$BIN/python manage.py migrate -v0
$BIN/python manage.py load_collection >/dev/null
$BIN/python manage.py generate_archive --videos "$videos" --seed 7 | tail -n 1
drafts=$($BIN/python -m bench.prepare_load)

port=$($BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$BIN/gunicorn archive.wsgi:application --workers 2 --bind "127.0.0.1:$port" \
  --backlog 2048 --timeout 120 --error-logfile "$work/gunicorn.log" &
server=$!
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 1
done

echo "== $connections connections for $seconds s on $videos synthetic + 38 curated videos (PostgreSQL)"
status=0
$BIN/python -m bench.editor_load "http://127.0.0.1:$port" --seconds "$seconds" \
  --connections "$connections" --drafts "$drafts" | tee "$work/figures.txt" || status=$?

if [ -z "${LOAD_NO_RESULTS:-}" ]; then
  $BIN/python - "$work/figures.txt" "$status" <<'PY'
import datetime, pathlib, sys
figures = pathlib.Path(sys.argv[1]).read_text().strip()
verdict = "passed" if sys.argv[2] == "0" else "FAILED"
results = pathlib.Path("bench/RESULTS.md")
begin, end = "<!-- load:begin -->", "<!-- load:end -->"
block = (f"{begin}\n## Load while an editor publishes (bench/load.sh)\n\n"
         f"Run {datetime.date.today()}: {verdict}.\n\n{figures}\n{end}")
text = results.read_text() if results.exists() else "# Benchmarks\n"
if begin in text and end in text:
    before, rest = text.split(begin, 1)
    text = before + block + rest.split(end, 1)[1]
else:
    text = text.rstrip() + "\n\n" + block + "\n"
results.write_text(text)
PY
fi
exit $status
