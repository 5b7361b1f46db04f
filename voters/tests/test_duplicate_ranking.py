"""Likely duplicates are ranked without comparing every candidate in full (difflib's quick bound first), and
the answer is the one a full comparison of all of them gives: same petitions, same scores, same order."""

import random

from voters.selectors import _most_similar, similarity

WORDS = ("de nghi sua chua nang cap tuyen duong le loi doan qua phuong xa nuoc sach dien chieu sang truong hoc "
         "moi truong rac thai dat dai bao hiem y te").split()


def _brute_force(text, others, threshold, limit):
    scored = [(pk, similarity(text, other)) for pk, other in others]
    scored = [(pk, round(score, 3)) for pk, score in scored if score >= threshold]
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def test_the_bounded_ranking_is_the_full_ranking():
    rng = random.Random(2026)
    for _case in range(60):
        base = rng.sample(WORDS, rng.randint(4, 12))
        text = " ".join(base)
        others = []
        for pk in range(rng.randint(0, 80)):
            words = list(base) if rng.random() < 0.5 else rng.sample(WORDS, rng.randint(3, 12))
            for _edit in range(rng.randint(0, 4)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            if rng.random() < 0.3:
                rng.shuffle(words)
            others.append((pk, " ".join(words)))
        if others and rng.random() < 0.3:
            others.append((len(others), others[0][1]))  # an exact tie, later in the list
        for threshold, limit in ((0.6, 10), (0.3, 30), (0.6, 1)):
            assert _most_similar(text, others, threshold=threshold, limit=limit) == _brute_force(
                text, others, threshold, limit)
