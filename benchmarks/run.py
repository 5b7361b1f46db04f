"""Run every benchmark script in this folder, one after another, and print their figures.

Benchmarks print numbers; they are not tests and never fail a build. Each script builds the data it
needs in its own database (the configured DATABASE_URL with a suffix, or a temporary SQLite file).
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != "run.py" and not p.name.startswith("_")
                     # These need a seed_national database (make bench-national) or a server.
                     and "national" not in p.name and p.name != "locustfile.py")
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        subprocess.run([sys.executable, str(script), *sys.argv[1:]], cwd=HERE.parent, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
