"""The language a posting is written in, as an ISO 639-1 code.

A source's own declaration wins (Greenhouse `language`, JSON-LD
`inLanguage`, SmartRecruiters `language.code`, a CSV column). Otherwise
py3langid, a naive Bayes model shipped inside the package (nothing is
downloaded, and the same text always gives the same answer), chooses among
the languages our partners write in. Restricting the choice keeps short
titles from being read as Lithuanian or Luxembourgish.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pycountry
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Arabic, German, English, Spanish, French, Italian, Dutch, Portuguese.
LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "nl", "pt")
# Text without a single letter says nothing about its language.
FALLBACK_LANGUAGE = "en"
# Below this probability a text's own answer is a guess.
CONFIDENCE = 0.6
# Enough text to decide; the rest of a long description adds only time.
_SAMPLE_LENGTH = 2000
_PER_TEXT_SAMPLE = 300


@functools.cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def declared_language(value: object) -> str | None:
    """ISO 639-1 from a declared tag or name (`fr-MA`, `French`), or None."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name") or value.get("code")
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    primary = text.replace("_", "-").split("-")[0].lower()
    language = None
    if len(primary) == 2:
        language = pycountry.languages.get(alpha_2=primary)
    elif len(primary) == 3:
        language = pycountry.languages.get(alpha_3=primary) or (
            pycountry.languages.get(bibliographic=primary)
        )
    else:
        try:
            language = pycountry.languages.lookup(text)
        except LookupError:
            language = None
    code = getattr(language, "alpha_2", None)
    return str(code) if code else None


def _classify(text: str) -> tuple[str, float]:
    sample = text[:_SAMPLE_LENGTH]
    if not any(character.isalpha() for character in sample):
        return FALLBACK_LANGUAGE, 0.0
    language, probability = _identifier().classify(sample)
    return str(language), float(probability)


def detect_language(text: str) -> str:
    """The most likely of `LANGUAGES` for `text`; deterministic."""
    return _classify(text)[0]


def document_languages(texts: Sequence[str]) -> list[str]:
    """The language of each text of one document.

    A short title ("Finance Analyst", "Comptable") is often unsure on its
    own. Texts below `CONFIDENCE` take the language of the whole document
    (a partner writes its feed in one language, mostly), and when even the
    document is unsure, `FALLBACK_LANGUAGE`.
    """
    results = [_classify(text) for text in texts]
    if all(probability >= CONFIDENCE for _, probability in results):
        return [language for language, _ in results]

    sample = " ".join(text[:_PER_TEXT_SAMPLE] for text in texts)
    document, document_probability = _classify(sample)
    if document_probability < CONFIDENCE:
        document = FALLBACK_LANGUAGE
    return [
        language if probability >= CONFIDENCE else document
        for language, probability in results
    ]
