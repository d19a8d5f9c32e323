"""What the data generators share: Snowball's Dutch stop words and krant's folding."""

import unicodedata

# Snowball's Dutch stop words (as in src/analysis/stopwords.rs).
STOP = set("""de en van ik te dat die in een hij het niet zijn is was op aan met als voor had
er maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der
daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden
toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie
werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
andere""".split())


def fold(word):
    """Lower case without diacritics, as src/analysis/fold.rs does for Latin letters."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
