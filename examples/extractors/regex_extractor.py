#!/usr/bin/env python3
"""An example external extractor for arabench: a few regular expressions.

It exists to show the protocol (extract/PROTOCOL.md), not to score well:

- every run of ASCII digits (0-9), Arabic-Indic digits (U+0660-U+0669) or
  Extended Arabic-Indic digits (U+06F0-U+06F9) is a NUM, with its value in
  ASCII digits;
- a handful of capital cities, written as the seed documents write them, are
  LOC, also after a one-letter proclitic (و ف ب ل ك), which stays outside the
  span.

The protocol: arabench starts the program once and writes one JSON line per
document to its standard input,

    {"doc": "<id>", "text": "..."}

and reads one JSON line per document from its standard output, in the same
order,

    {"doc": "<id>", "mentions": [{"start": 3, "end": 8, "type": "LOC", "text": "..."}]}

Offsets count code points, as Python's str does, half-open. Flush after every
line (arabench waits for it), write nothing else on standard output (logs go to
standard error), and exit when standard input ends.

Run it by hand:

    echo '{"doc":"x","text":"زار موسكو عام ٢٠٠٣"}' | python3 regex_extractor.py

Standard library only; Python 3.6 or newer.
"""

import json
import re
import sys

# Arabic letters (hamza to yeh, plus the Persian/Urdu block's letters): a name
# must not be glued to one on either side, except for a proclitic in front.
LETTER = "\u0621-\u064a\u0671-\u06d3"

CAPITALS = [
    "موسكو",
    "واشنطن",
    "بغداد",
    "القاهرة",
    "دمشق",
    "بيروت",
    "الرياض",
    "لندن",
    "باريس",
    "طهران",
    "كييف",
]

CAPITAL_RE = re.compile(
    "(?<![%s])[وفبلك]?(%s)(?![%s])" % (LETTER, "|".join(CAPITALS), LETTER)
)

# One script per run: "2٠" is two numbers, not one.
NUMBER_RE = re.compile("[0-9]+|[\u0660-\u0669]+|[\u06f0-\u06f9]+")


def extract(text):
    """Returns the mentions of text, with code point offsets."""
    mentions = []
    for m in NUMBER_RE.finditer(text):
        digits = m.group(0)
        # int() reads digits of any script; str() writes ASCII.
        mentions.append({"start": m.start(), "end": m.end(), "type": "NUM",
                         "text": digits, "value": str(int(digits))})
    for m in CAPITAL_RE.finditer(text):
        mentions.append({"start": m.start(1), "end": m.end(1), "type": "LOC",
                         "text": m.group(1)})
    mentions.sort(key=lambda x: (x["start"], x["end"], x["type"]))
    return mentions


def main():
    # Read bytes and decode as UTF-8 ourselves, so that the locale does not
    # matter; ensure_ascii (the default) keeps the output pure ASCII for the
    # same reason.
    for raw in sys.stdin.buffer:
        if not raw.strip():
            continue
        request = json.loads(raw.decode("utf-8"))
        try:
            answer = {"doc": request["doc"], "mentions": extract(request["text"])}
        except Exception as e:  # report the failure for this document, go on
            answer = {"doc": request["doc"], "error": repr(e)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
