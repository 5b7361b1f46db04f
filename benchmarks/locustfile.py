"""A realistic signed-in mix against the portal on a ``seed_national`` database (issue 13 §2), exports excluded.

Each simulated user signs in through the sign-in form as one of the seed's accounts (clerks more often than
leaders), then browses: the petition list (first pages, filters), accent-free search (short words included),
the API list, a petition's detail, the compliance dashboard and a drill-down, the home page. A short pause between requests (0.2–0.8 s): 20 such users ask for up to ~40 requests a
second, so the server, not the pause, sets the throughput the issue's target (≥ 20 req/s) is about.

    .venv/bin/gunicorn hdnd_portal.wsgi -w 3 -b 127.0.0.1:8123        # DJANGO_SETTINGS_MODULE=...local
    .venv/bin/locust -f benchmarks/locustfile.py --headless -u 20 -r 20 -t 60s --host http://127.0.0.1:8123

``benchmarks/national.py --load`` does both and records req/s, p95, errors and the workers' RSS.
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("HDND_BENCH_PASSWORD", "hdnd-demo-2026")
# Who signs in, weighted: the secretariat clerks do most of the work.
ACCOUNTS = ["vanphong"] * 4 + ["vanphongxa"] * 3 + ["capuy", "daibieu", "admin"]
SEARCHES = ["dat dai", "duong", "nuoc sach", "moi truong", "trường học", "điện", "an ninh trật tự", "bao hiem"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LIST, API = "/cu-tri/kien-nghi/", "/api/v1/voters/petitions/"


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
        if response.status_code != 302:
            response.failure(f"sign-in of {self.username} refused ({response.status_code})")

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
