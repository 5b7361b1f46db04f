#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh into a new database and a media directory, after checking its sums.
# Usage: scripts/restore.sh BACKUP DB MEDIA   (or `make restore FILE=var/backups/<timestamp> DB=name MEDIA=dir`)
#
#   BACKUP  a backup directory (database.dump, media.tar.gz, SHA256SUMS)
#   DB      the database to create and restore into, on the server of DATABASE_URL; it must not exist yet
#   MEDIA   the directory to put the uploaded files in; it must be empty or absent
# It never writes over a database or files that exist: point the portal at the restored ones (DATABASE_URL,
# DJANGO_MEDIA_ROOT) once they are checked.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 3 ] || [ -z "$1" ] || [ -z "$2" ] || [ -z "$3" ]; then
  echo "usage: scripts/restore.sh BACKUP DB MEDIA  (make restore FILE=... DB=... MEDIA=...)" >&2
  exit 2
fi
backup=$1 db=$2 media=$3

from_env_file() {
  [ -f .env ] && sed -n "s/^$1=//p" .env | tail -n1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/"
}
DATABASE_URL=${DATABASE_URL:-$(from_env_file DATABASE_URL || true)}
case "$DATABASE_URL" in
  postgres://* | postgresql://* | psql://* | pgsql://*) ;;
  *) echo "restore: DATABASE_URL must name the PostgreSQL server to restore on (postgres://...)." >&2; exit 2 ;;
esac
DATABASE_URL="postgresql://${DATABASE_URL#*://}"
if ! [[ $db =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
  echo "restore: the database name may hold letters, digits and _ only." >&2
  exit 2
fi
if [ -e "$media" ] && [ -n "$(ls -A "$media")" ]; then
  echo "restore: $media is not empty; choose a new media directory." >&2
  exit 2
fi

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

# The same server and options as DATABASE_URL, the new database's name in place of its own.
query=""
case "$DATABASE_URL" in *\?*) query="?${DATABASE_URL#*\?}" ;; esac
server="${DATABASE_URL%%\?*}"
server="${server%/*}"
createdb --maintenance-db="$server/postgres$query" "$db"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$server/$db$query" "$backup/database.dump"

mkdir -p "$media"
tar -xzf "$backup/media.tar.gz" -C "$media"
echo "restore: database $db and files in $media from $backup"
