"""Validate everything under ``data/`` and report every problem at once.

Run ``python -m geo.validate`` (``--stats`` for counts, ``--data DIR`` for another folder).
Each problem names the file, the feature id, the field and what was expected, so a
contributor can fix a data file in one pass.

Modules, by concern: ``files`` (reading JSON), ``features`` (walking a FeatureCollection, ids),
``schema`` (the JSON Schemas of ``data/schema/``), ``geometry``, ``dates``, one module per data
file's cross-references (``sources``, ``places``, ``events``, ``polities``), ``folder`` (the
whole folder, in order) and ``cli``.

How to add a rule
-----------------
1. In the module of the file it checks, register it once with a stable kebab-case code::

       GUESS_DRAWN_AS_FACT = rule("guess-drawn-as-fact", "an uncertain date drawn as a certain one")

   (``drops_feature=False`` when the app can still draw the feature.)
2. Report with it: ``problems.append(GUESS_DRAWN_AS_FACT(file, feature_id, "properties.x", message))``;
   the message says what was found and what was expected.
3. Add a hostile case to ``scripts/make_validator_fixtures.py`` whose expectation names the code,
   and run ``python scripts/make_validator_fixtures.py``. ``tests/test_validate.py`` fails for a
   registered rule no fixture expects, and for a fixture its rule does not catch.
"""

from geo.validate.cli import main, stats
from geo.validate.events import UNDRAWN_POLITIES
from geo.validate.features import feature_label, iter_features
from geo.validate.files import DATA_DIR, FILES
from geo.validate.folder import validate_folder
from geo.validate.geometry import ATLAS_REGION, geometry_problems
from geo.validate.problems import RULES, Problem, Report, Rule, rule

__all__ = [
    "ATLAS_REGION",
    "DATA_DIR",
    "FILES",
    "RULES",
    "UNDRAWN_POLITIES",
    "Problem",
    "Report",
    "Rule",
    "feature_label",
    "geometry_problems",
    "iter_features",
    "main",
    "rule",
    "stats",
    "validate_folder",
]
