"""Which words of the glossary a page shows.

The words are found in the page's visible text when the frame renders it (the replica's HTML,
once, on the server): a new page, a new site or a new word in glossary.yaml needs no list of
pages to maintain, and the side panel can never offer a word the learner cannot see. Matching
ignores capitals and accents (bank statements write « PRELEVEMENT DE EDF ») and only takes whole
words, so « RIB » is not found in « attribut ».
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")

# What a browser never shows as text, and what is around every page of a site (its menu,
# header and footer repeat « Virements », « RIB »… everywhere): the panel lists the words of
# what the page itself is about.
_SKIPPED = {"script", "style", "template", "noscript", "title", "head", "nav", "header", "footer"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


@dataclass(frozen=True)
class Word:
    id: str
    word: str  # as the French sites write it
    forms: tuple[str, ...]
    explain: dict[str, str] = field(hash=False, compare=False)
    not_in: tuple[str, ...] = ()

    def explanation(self, lang: str) -> str:
        return self.explain.get(lang) or self.explain["fr"]


def normalise(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe, single spaces (the sites' words are
    French: dropping what is not ASCII after taking the accents apart loses nothing)."""
    decomposed = unicodedata.normalize("NFD", text.replace("’", "'").casefold())
    return " ".join(decomposed.encode("ascii", "ignore").decode("ascii").split())


_TOKEN = re.compile(r"[0-9a-z]+(?:['-][0-9a-z]+)*")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


class Glossary:
    def __init__(self, words: list[Word]):
        self.words = words
        # Every form, and every phrase where a word means something else, as a tuple of words:
        # the page's text is read once, word by word, looking up the longest phrase first.
        self._forms = {tuple(tokens(f)): word for word in words for f in word.forms}
        self._exceptions = {tuple(tokens(p)): word for word in words for p in word.not_in}
        self._longest = max((len(key) for key in [*self._forms, *self._exceptions]), default=0)
        self._first_words = {key[0] for key in [*self._forms, *self._exceptions]}

    def find(self, text: str) -> list[Word]:
        """The glossary's words present in ``text``, in the order the page shows them."""
        words = tokens(text)
        found: dict[str, Word] = {}
        position = 0
        while position < len(words):
            if words[position] not in self._first_words:  # most words of a page
                position += 1
                continue
            for size in range(min(self._longest, len(words) - position), 0, -1):
                phrase = tuple(words[position:position + size])
                word = self._forms.get(phrase)
                if word is not None:
                    found.setdefault(word.id, word)
                    break
                if phrase in self._exceptions:  # « identifiant international »: not a login
                    break
            else:
                size = 1
            position += size
        return list(found.values())

    def find_in_html(self, html: str) -> list[Word]:
        return self.find(visible_text(html))


def load(path: Path = GLOSSARY_FILE) -> Glossary:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = [Word(id=item["id"], word=item["word"], forms=tuple(item["forms"]),
                  explain=dict(item["explain"]), not_in=tuple(item.get("not_in", ())))
             for item in data["words"]]
    return Glossary(words)


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    """The shipped glossary, read once. A broken file takes the glossary away, never the
    kiosk: the side panel simply has no « Mots à comprendre » (and the log says why)."""
    try:
        return load()
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        logging.getLogger(__name__).error("glossary disabled: %s: %s", GLOSSARY_FILE, error)
        return Glossary([])


def visible_text(html: str) -> str:
    """The page's own text: no scripts or styles, nothing marked ``hidden``, no menu.

    One pass over the tags with a regular expression rather than an HTML parser: this runs on
    every page the kiosk frames, and the pages are our own well-formed templates (Python's
    HTMLParser took 3 ms on a bank account's history)."""
    html = _COMMENT.sub(" ", str(html))
    parts: list[str] = []
    skipping: str | None = None  # the element whose content is not shown
    depth = 0
    last = 0
    for tag in _TAG.finditer(html):
        if skipping is None:
            parts.append(html[last:tag.start()])
        last = tag.end()
        closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name in _VOID:
            continue
        if skipping is not None:
            if name == skipping:
                depth += -1 if closing else 1
                if depth == 0:
                    skipping = None
        elif not closing and (name in _SKIPPED or _HIDDEN.search(attributes)):
            skipping, depth = name, 1
    if skipping is None:
        parts.append(html[last:])
    # Each piece of text stands apart: « RIB</td><td>IBAN » is two words, never « RIBIBAN ».
    return unescape(" ".join(parts))


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_HIDDEN = re.compile(r"(?:^|\s)hidden(?:[\s=/]|$)", re.I)
