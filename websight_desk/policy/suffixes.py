"""Turkish noun endings, for `stem+` terms: which leftovers after a stem are inflection.

Folded text (ı→i, ü→u, ö→o): vowel harmony is not checked, only the order of the endings —
plural, possessive, case, "-ki", copula / question. Derivations ("-li", "-siz", "-lik", "-la")
are not endings: "sinir+" is "sınırı", "sınırlar", never "sinirliyim" (angry) or "sınırsız".
English plurals ("-s", "-es") are endings too, so one term serves "server+" and "servers".
"""

from __future__ import annotations

import re
from functools import lru_cache

_NOUN_ENDINGS = re.compile(
    r"(?:e?s"  # English plural
    r"|(?:l[ae]r)?"  # plural
    r"(?:[iu]?m[iu]z|[iu]?n[iu]z|[iu]?m|[iu]?n|s?[iu]|l[ae]r[iu])?"  # possessive
    r"(?:n?[dt][ae](?:n|ki)?|[ny]?[ae]|[ny]?[iu]|n?[iu]n|y?l[ae]|ki)?"  # case, -ki
    r"(?:y?[dt][iu]r|y?[iu]m|y?s[iu]n(?:[iu]z)?|y?[iu]z|m[iu](?:s[iu]n(?:[iu]z)?|y[iu]m"
    r"|y[iu]z)?|y?[dt][iu]|y?m[iu]s)?"  # copula, question
    r")"
)


@lru_cache(maxsize=16384)
def is_noun_ending(rest: str) -> bool:
    """Whether `rest` (folded, what follows a stem) is a chain of Turkish noun endings."""
    return _NOUN_ENDINGS.fullmatch(rest) is not None
