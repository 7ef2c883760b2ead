"""Extraction models: three rule-based baselines, and any ``module:function`` a user plugs in.

A model is a callable ``text -> list of statements``; a statement is a dict as in
``schema/prediction.schema.json``: ``quote`` ``{start, end}``, and optionally ``speaker``
``{name, wikidata_id}``, ``speaker_mention`` and ``cue`` ``{start, end}``, and ``kind``. Offsets
are Python ``str`` indices into the text.

The baselines know Indonesian news style, not the corpus; each extends the one before:

- ``sentences``: every body sentence is an unattributed claim (the floor);
- ``quotes``: words inside quotation marks (three words or more) are direct quotes, with the
  nearest cue and its speaker; other sentences stay unattributed claims (both in
  :mod:`~factprov.bench.models.baselines`);
- ``rules``: direct quotes and reported speech by the cues of Indonesian news writing, with the
  speaker followed through the text (:mod:`~factprov.bench.models.rules`).

The rules were developed on the team's own texts in tests/fixtures/dev/, never on the seed
articles, which are the test split; a test checks that no file of the models holds a phrase of
them.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Callable

from factprov.bench.models.baselines import quotes, sentences
from factprov.bench.models.rules import rules as rules_baseline

Model = Callable[[str], list[dict]]


BASELINES: dict[str, Model] = {"sentences": sentences, "quotes": quotes, "rules": rules_baseline}


class ModelError(Exception):
    """A model that cannot be loaded or run."""


class ModelInterrupted(Exception):
    """A model run stopped by the user (Ctrl-C)."""


def run_model(model: Model, model_name: str, article_id: str, text: str) -> list:
    """``model(text)``; whatever the model raises, ``SystemExit`` included, is a :class:`ModelError` that
    names the article, and ``KeyboardInterrupt`` a :class:`ModelInterrupted`. A result that is not a list
    is a :class:`ModelError` too."""
    try:
        statements = model(text)
    except KeyboardInterrupt:
        raise ModelInterrupted(f"{model_name} was interrupted on {article_id}") from None
    except BaseException as exc:  # the model is the user's: report what it raised, with the article
        what = f"called sys.exit({exc.code!r})" if isinstance(exc, SystemExit) else \
            f"{type(exc).__name__}: {str(exc)[:300]}"
        raise ModelError(f"{model_name} failed on {article_id}: {what}") from None
    if not isinstance(statements, list):
        raise ModelError(f"{model_name} returned {type(statements).__name__} for {article_id}, not a list of "
                         "statements")
    return statements


def load_model(name: str) -> Model:
    """A baseline by name, or ``package.module:function``."""
    if name in BASELINES:
        return BASELINES[name]
    module_name, sep, attr = name.partition(":")
    if not sep or not module_name or not attr:
        raise ModelError(f"--model {name!r}: choose {', '.join(BASELINES)}, or give package.module:function")
    if os.getcwd() not in sys.path:  # like `python -m`: a module in the working folder is found
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # the user's module: any failure to import is theirs to see
        raise ModelError(f"--model {name!r}: cannot import {module_name!r}: {type(exc).__name__}: {exc}") from None
    model = getattr(module, attr, None)
    if not callable(model):
        raise ModelError(f"--model {name!r}: {module_name} has no function {attr!r}")
    return model
