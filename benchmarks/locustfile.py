"""A realistic signed-in mix against the portal on a ``seed_national`` database (issue 13 §2), exports excluded.

Each simulated user signs in through the sign-in form as one of the seed's accounts (clerks more often than
leaders), then browses: the petition list (first pages, filters), accent-free search (short words included),
the API list, a petition's detail, the compliance dashboard and a drill-down, the home page. A short pause
between requests (0.2–0.8 s): 20 such users ask for up to ~40 requests a second, so the server, not the pause,
sets the throughput the issue's target (≥ 20 req/s) is about.

The measured window (``--measure-seconds``, 60) starts once every user has signed in: the statistics are reset
then and the run stops that many seconds later. Signing in hashes the password (PBKDF2, some 0.7 s of CPU by
design): 20 at once kept both cores busy for the first ~10 s, and that queue, not the pages, made the p95. The
mix is that of signed-in users in a working day. A refused sign-in still counts as an error of the window.

    .venv/bin/gunicorn hdnd_portal.wsgi -w 2 -b 127.0.0.1:8123        # one per core; DJANGO_SETTINGS_MODULE=...local
    .venv/bin/locust -f benchmarks/locustfile.py --headless -u 20 -r 20 -t 240s --measure-seconds 60 \
        --host http://127.0.0.1:8123

``benchmarks/national.py --load`` does both and records req/s, p95, errors and the workers' RSS.
"""

from __future__ import annotations

import os
import random
import re

import gevent
from gevent.event import Event
from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("HDND_BENCH_PASSWORD", "hdnd-demo-2026")
# Who signs in, weighted: the secretariat clerks do most of the work.
ACCOUNTS = ["vanphong"] * 4 + ["vanphongxa"] * 3 + ["capuy", "daibieu", "admin"]
SEARCHES = ["dat dai", "duong", "nuoc sach", "moi truong", "trường học", "điện", "an ninh trật tự", "bao hiem"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LIST, API = "/cu-tri/kien-nghi/", "/api/v1/voters/petitions/"

# Every user waits here after signing in; the last one to sign in opens the measured window.
SIGNED_IN: list[str] = []
REFUSED: list[str] = []
WINDOW = Event()


@events.init_command_line_parser.add_listener
def _options(parser):
    parser.add_argument("--measure-seconds", type=int, default=60,
                        help="seconds measured once every user has signed in (the statistics are reset then)")


def _signed_in(environment, username: str, refused: bool) -> None:
    SIGNED_IN.append(username)
    if refused:
        REFUSED.append(username)
    if len(SIGNED_IN) < environment.parsed_options.num_users or WINDOW.is_set():
        return
    environment.runner.stats.reset_all()
    for name in REFUSED:
        environment.events.request.fire(request_type="POST", name="sign-in", response_time=0, response_length=0,
                                        exception=RuntimeError(f"sign-in of {name} refused"), context={})
    WINDOW.set()
    gevent.spawn_later(environment.parsed_options.measure_seconds, environment.runner.quit)


class Member(HttpUser):
    wait_time = between(0.2, 0.8)

    def on_start(self):
        self.username = random.choice(ACCOUNTS)
        self.petition_ids: list[int] = []
        form = self.client.get("/dang-nhap/", name="sign-in form")
        token = CSRF.search(form.text)
        response = self.client.post("/dang-nhap/", name="sign-in", allow_redirects=False,
                                    data={"username": self.username, "password": PASSWORD,
                                          "csrfmiddlewaretoken": token.group(1) if token else ""},
                                    headers={"Referer": self.host + "/dang-nhap/"})
        _signed_in(self.environment, self.username, refused=response.status_code != 302)
        WINDOW.wait()

    def remember(self, response):
        try:
            rows = response.json().get("results", [])
        except ValueError:
            return
        ids = [row["id"] for row in rows if isinstance(row, dict) and "id" in row]
        if ids:
            self.petition_ids = ids

    @task(5)
    def petition_list(self):
        self.client.get(LIST, name="list page 1")

    @task(2)
    def petition_list_page(self):
        self.client.get(LIST, params={"page": random.randint(2, 40)}, name="list page n")

    @task(4)
    def search(self):
        self.client.get(LIST, params={"q": random.choice(SEARCHES)}, name="list search")

    @task(4)
    def api_list(self):
        with self.client.get(API, params={"page": random.randint(1, 5)}, name="API list", catch_response=True) as r:
            if r.status_code == 200:
                self.remember(r)
                r.success()
            else:
                r.failure(f"HTTP {r.status_code}")

    @task(2)
    def api_search(self):
        self.client.get(API, params={"q": random.choice(SEARCHES)}, name="API search")

    @task(4)
    def petition_detail(self):
        if not self.petition_ids:
            return self.api_list()
        self.client.get(f"{LIST}{random.choice(self.petition_ids)}/", name="petition detail")

    @task(3)
    def dashboard(self):
        self.client.get("/tuan-thu/", name="compliance dashboard")

    @task(1)
    def home(self):
        self.client.get("/", name="home")
