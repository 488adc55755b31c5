"""The floor for reading pages: a bare stdlib `html.parser` pass over every page.

Run as its own process (`python bench/html_baseline.py DIR`), so that its Python
start-up counts as ours does. It walks DIR for .html files, reads each as UTF-8 and
feeds it to an `HTMLParser` subclass that only counts tags and keeps `<script>` text
(the least a config checker must do), then prints the counts.
"""

from __future__ import annotations

import os
import sys
from html.parser import HTMLParser


class Counter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = 0
        self.script_chars = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_chars += len(data)


def main(argv: list[str]) -> int:
    pages = tags = script_chars = 0
    for folder, dirs, files in os.walk(argv[0]):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".html", ".htm")):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as page:
                parser = Counter()
                parser.feed(page.read())
                parser.close()
            pages += 1
            tags += parser.tags
            script_chars += parser.script_chars
    print(f"{pages} pages, {tags} tags, {script_chars} characters of script")
    return 0 if pages else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
