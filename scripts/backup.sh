#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database of DATABASE_URL (pg_dump custom format) and the uploaded files
# of the media directory (a tar), into BACKUP_DIR/<timestamp>/ with their SHA-256 sums; then keep only the
# newest BACKUP_KEEP backups. Usage: scripts/backup.sh   (or `make backup`). Restore with scripts/restore.sh.
#
#   DATABASE_URL       the database to dump (read from .env when not in the environment); PostgreSQL only
#   DJANGO_MEDIA_ROOT  the uploaded files (default: ./media, as in the settings)
#   BACKUP_DIR         where backups go (default: ./var/backups)
#   BACKUP_KEEP        how many backups to keep, the newest (default: 14; 0 keeps all)
set -euo pipefail
cd "$(dirname "$0")/.."

from_env_file() {  # the value of $1 in .env, the file the settings read too
  [ -f .env ] && sed -n "s/^$1=//p" .env | tail -n1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/"
}
DATABASE_URL=${DATABASE_URL:-$(from_env_file DATABASE_URL || true)}
MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-$(from_env_file DJANGO_MEDIA_ROOT || true)}
MEDIA_ROOT=${MEDIA_ROOT:-media}
BACKUP_DIR=${BACKUP_DIR:-var/backups}
BACKUP_KEEP=${BACKUP_KEEP:-14}

case "$DATABASE_URL" in
  postgres://* | postgresql://* | psql://* | pgsql://*) ;;
  *) echo "backup: DATABASE_URL must name a PostgreSQL database (postgres://...); the SQLite file of" \
          "make run is a copy of db.sqlite3 away." >&2; exit 2 ;;
esac
# django-environ accepts a few aliases of the scheme; libpq knows only postgres:// and postgresql://.
DATABASE_URL="postgresql://${DATABASE_URL#*://}"

stamp=$(date +%Y%m%d-%H%M%S.%3N)  # local time, to the millisecond: names sort by age
target="$BACKUP_DIR/$stamp"
partial="$target.partial"  # renamed when complete, so a failed backup never counts as one
mkdir -p "$partial"
trap 'rm -rf "$partial"' EXIT

pg_dump --format=custom --file="$partial/database.dump" --dbname="$DATABASE_URL"
if [ -d "$MEDIA_ROOT" ]; then
  tar -czf "$partial/media.tar.gz" -C "$MEDIA_ROOT" .
else
  tar -czf "$partial/media.tar.gz" --files-from=/dev/null  # no upload yet: an empty archive
fi
(cd "$partial" && sha256sum database.dump media.tar.gz > SHA256SUMS)
mv --no-target-directory "$partial" "$target"
trap - EXIT
echo "backup: $target ($(du -sh "$target" | cut -f1))"

if [ "$BACKUP_KEEP" -gt 0 ]; then
  # Timestamps sort by name; everything but the newest BACKUP_KEEP complete backups goes.
  find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*-[0-9]*' ! -name '*.partial' | sort -r \
    | tail -n +"$((BACKUP_KEEP + 1))" | while read -r old; do rm -rf "$old" && echo "backup: removed $old"; done
fi
