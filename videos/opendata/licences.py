"""The terms the archive's words and facts are offered under (issue 18, item 6).

Essays and the other prose written for the archive are CC BY-SA 4.0: reuse them with
credit, under the same terms. The facts (titles, credits, years, techniques, sources,
dates, confidence, identifiers) are dedicated to the public domain under CC0 1.0. Every
JSON document and every dump says so with `LICENCE`; the footer, /about/ and /data/ say
it in words.
"""

ESSAYS = {
    "name": "CC BY-SA 4.0",
    "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "covers": "essays, technique histories and director profiles: the prose written "
    "for the archive",
}
FACTS = {
    "name": "CC0 1.0",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    "covers": "everything else: titles, credits, years, technique claims, sources, "
    "dates, confidence and identifiers",
}
LICENCE = {"essays": ESSAYS, "facts": FACTS}
ARCHIVE_NAME = "Good Reason"
