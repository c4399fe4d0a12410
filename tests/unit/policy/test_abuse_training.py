"""The abuse model's trainer (`bench/train_abuse_model.py`) builds what the app scores: the
rows it fits are the texts as `AbuseModel.score` sees them, and its threshold keeps the
false-alarm budget."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest

from bench.train_abuse_model import Featurizer, _model, doc_words, pick_threshold, train


def test_fitted_rows_are_what_the_app_scores() -> None:
    texts = [
        "Sen ne biçim adamsın, 3 gündür site kapalı!",
        "Sitem açılmıyor, yardım eder misiniz?",
        "anana anana ananas",  # an n-gram twice in one word, and across words
        "",
    ]
    docs = [doc_words(t) for t in texts]
    featurizer = Featurizer(docs + docs)  # every n-gram in two tweets: all kept
    rng = random.Random(7)
    coef = [rng.uniform(-2, 2) for _ in featurizer.index]
    # as fitted: the app's model also keeps topical words from pushing towards abuse
    model = replace(_model(featurizer, coef, -0.5, 0.0), ignore=None)
    rows = featurizer.matrix(docs)
    for i, words in enumerate(docs):
        row = rows.getrow(i)
        expected = -0.5 + sum(coef[j] * v for j, v in zip(row.indices, row.data, strict=True))
        assert model.score(words) == pytest.approx(expected, abs=1e-9), texts[i]


def test_threshold_keeps_the_false_alarm_budget() -> None:
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0]
    labels = [True, False, True, False, False, False, False, False, False, False]
    listed = [False] * 10
    # 8 clean texts, 25 %: two alarms allowed (0.8 and 0.6), not a third (0.5)
    threshold = pick_threshold(scores, listed, labels, 0.25)
    assert 0.5 < threshold <= 0.6
    # a clean text the lists flag spends one of the two
    listed[9] = True
    assert 0.6 < pick_threshold(scores, listed, labels, 0.25) <= 0.8


def test_trained_model_finds_the_words_of_offensive_tweets() -> None:
    rng = random.Random(3)
    filler = [
        "bugün",
        "hava",
        "güzel",
        "maç",
        "akşam",
        "çay",
        "kahve",
        "kitap",
        "yol",
        "ev",
        "iş",
        "okul",
    ]
    rows = []
    for i in range(400):
        words = rng.sample(filler, 5)
        offensive = i % 4 == 0
        if offensive:
            words.insert(rng.randrange(6), rng.choice(["zibidiler", "zibidisin", "zibidi"]))
        rows.append((str(i), " ".join(words), offensive))
    model = train(rows, max_alarms=0.02, c=3.0)
    words = doc_words("ne zibidisiniz ya")
    assert [words[i] for i in model.evidence(words)] == ["zibidisiniz"]
    assert not model.evidence(doc_words("bugün maç, akşam çay"))
    assert math.isfinite(model.threshold)
