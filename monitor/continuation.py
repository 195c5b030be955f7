"""The rest of an article that ad rows or newsletter boxes split into several blocks.

trafilatura picks one main block; on pages that cut the body into chunks between advertisements
it keeps only the first, and a story whose watched name is in its fourth paragraph is missed.
The chunks of one body are made by one template: the same element with the same class. So once
we know which container holds the extracted paragraphs, its other instances on the page are the
continuation, and their paragraphs are added (long ones, not link lists, in page order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

MIN_PARAGRAPH = 80  # characters: a sentence or two, not a caption or a button
MAX_LINK_SHARE = 0.5  # of a paragraph in link text: more is a link list or a teaser (link-rich
# prose, as some newsrooms write, links two sentences in five: 0.3 left such paragraphs out)
MIN_LINK_TEXT = 20  # characters: a headline, not "Home" or "More"
MODIFIER = re.compile(r"^(?:-|is-|has-)|--")  # class tokens that vary between instances
SUBHEADINGS = ("h2", "h3", "h4")
MAX_SUBHEADING = 150  # characters: a section's title, not a paragraph set as a heading
SKIP_ANCESTORS = frozenset({"aside", "nav", "footer", "header", "form", "figure", "blockquote"})


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    container: str  # "tag.class" of the parent element, "" when it has no class
    container_id: int  # which instance of that container (document order)
    heading: bool = False  # a subheading (<h2> to <h4>) between the paragraphs


def collect_paragraphs(tree: HtmlElement) -> list[Paragraph]:
    """Every <p> and subheading with its container, in page order, from the untouched tree
    (before extraction cleans it)."""
    out: list[Paragraph] = []
    # keyed by the element itself, which keeps its proxy alive: lxml makes a new Python object
    # (with a new id) for a node whose old one was collected, and reuses freed ids
    instance: dict[HtmlElement, int] = {}
    for element in tree.iter("p", *SUBHEADINGS):
        parent = element.getparent()
        if parent is None:
            continue
        text = " ".join(element.text_content().split())
        heading = element.tag != "p"
        if not text or (heading and len(text) > MAX_SUBHEADING):
            continue
        css = _container_class(parent.get("class"))
        links = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
        if css and links <= MAX_LINK_SHARE * len(text) and not _in_furniture(parent):
            container_id = instance.setdefault(parent, len(instance))
            out.append(Paragraph(text, f"{parent.tag}.{css}", container_id, heading))
        elif not heading:
            out.append(Paragraph(text, "", -1))
    return out


def _container_class(value: str | None) -> str:
    """The class that names a template's element, without its modifiers: one chunk of a body
    may be "body articleBody -bottom-space" and the next "body articleBody" (a BEM
    `block--modifier`, a leading-dash modifier, an `is-`/`has-` state), in any order."""
    return " ".join(
        sorted({token for token in (value or "").split() if not MODIFIER.search(token)})
    )


def link_texts(tree: HtmlElement) -> tuple[frozenset[str], frozenset[str]]:
    """The texts of the page's links that read like a headline (words, not an address or a
    product name), and the texts of all its links (a row of them is a tag list or a menu)."""
    every: set[str] = set()
    headlines: set[str] = set()
    for a in tree.iter("a"):
        text = " ".join(a.text_content().split())
        if not text:
            continue
        every.add(text)
        if (
            not (a.get("href") or "").startswith("#")  # a table of contents names the sections
            and len(text) >= MIN_LINK_TEXT
            and text.count(" ") >= 3
            and "://" not in text
        ):
            headlines.add(text)
    return frozenset(headlines), frozenset(every)


def _in_furniture(element: HtmlElement) -> bool:
    return any(a.tag in SKIP_ANCESTORS for a in element.iterancestors())


# a table line that holds two whole paragraphs of one container or more is a page's layout, not
# a data table's row (whose cells hold a figure or a phrase, not paragraphs)
MIN_LAYOUT_PARAGRAPHS = 2


def unfold_layout_rows(
    text: str, paragraphs: list[Paragraph], links: frozenset[str] = frozenset()
) -> str:
    """Pages laid out in a table (older news sites: the article in one cell, the sidebar's
    "Top stories" and "Partner news" in the next) come out of the extraction as one line per
    table row ("| headline date body... | Top stories ... |"). Such a line holding whole
    paragraphs of the page is the layout: the paragraphs of the container holding most of its
    text (the article's body element) stand in its place, one per line, in page order. A cell
    of lines broken with <br> holds no paragraph: then the cell with the most text that is not
    a link's (`links`: the page's link texts) stands in for the row, when it holds most of it
    (the menu's and "Most read" cells are links)."""
    if "|" not in text:
        return text
    rows = text.split("\n")
    for index, row in enumerate(rows):
        if len(row) < MIN_LAYOUT_PARAGRAPHS * MIN_PARAGRAPH or not row.lstrip().startswith("|"):
            continue
        squashed = " ".join(row.split())
        inside = [
            p
            for p in paragraphs
            if p.container and not p.heading and len(p.text) >= MIN_PARAGRAPH and p.text in squashed
        ]
        weight: dict[str, int] = {}
        for p in inside:
            weight[p.container] = weight.get(p.container, 0) + len(p.text)
        if weight:
            container = max(weight, key=weight.__getitem__)
            kept = [p.text for p in inside if p.container == container]
            if len(kept) >= MIN_LAYOUT_PARAGRAPHS:
                rows[index] = "\n".join(kept)
                continue
        if 0 < len(links) <= MAX_CELL_LINKS and (cell := _article_cell(squashed, links)):
            rows[index] = cell
    return "\n".join(rows)


CELL = re.compile(r"(?<!\\)\|")  # a table cell's edge; "\|" is a "|" in the text
MAX_CELL_LINKS = 3_000  # link texts weighed against each cell (a page of more is a portal)
MIN_CELL_SHARE = 0.7  # of the row's text that is not links': the article's cell holds most


def _article_cell(row: str, links: frozenset[str]) -> str | None:
    """The cell of a layout row that holds its prose, without the row of links that closes it
    ("Print \\| Send to a friend"); None when no cell holds most of the row's prose."""
    cells = [" ".join(cell.split()) for cell in CELL.split(row)]
    prose = [_prose(cell, links) for cell in cells]
    total = sum(prose)
    best = max(range(len(cells)), key=prose.__getitem__)
    if prose[best] < MIN_LAYOUT_PARAGRAPHS * MIN_PARAGRAPH or prose[best] < MIN_CELL_SHARE * total:
        return None
    # the links' row that closes the article ("... Strasbourg. Print \\| Send to a friend"):
    # the links after the last "\\|", then the one before it
    parts = cells[best].split(" \\| ")
    dropped = False
    while len(parts) > 1 and parts[-1] in links:
        parts.pop()
        dropped = True
    if dropped:
        last = parts[-1]
        for link in sorted(links, key=len, reverse=True):
            if last.endswith(f" {link}"):
                parts[-1] = last[: -len(link)].rstrip()
                break
    return " \\| ".join(parts).strip()


def _prose(cell: str, links: frozenset[str]) -> int:
    """Characters of a cell that are not in its links' texts (roughly: each link text once)."""
    size = len(cell)
    for link in links:
        if link and link in cell:
            size -= len(link) * cell.count(link)
    return max(size, 0)


def continue_text(text: str, paragraphs: list[Paragraph]) -> tuple[str, frozenset[str]]:
    """`text` with the subheadings it lost put back and the paragraphs of the other instances
    of its main container appended, and the texts of all the main container's paragraphs (the
    body as the page's template has it)."""
    lines = {" ".join(line.split()) for line in text.split("\n")}
    found: dict[str, set[int]] = {}
    weight: dict[str, int] = {}  # characters of the extracted text each container holds
    for p in paragraphs:
        if p.container and not p.heading and len(p.text) >= MIN_PARAGRAPH and p.text in lines:
            found.setdefault(p.container, set()).add(p.container_id)
            weight[p.container] = weight.get(p.container, 0) + len(p.text)
    if not found:
        return text, frozenset()
    container = max(weight, key=weight.__getitem__)
    used = found[container]
    first = min(used)
    body = [p for p in paragraphs if p.container == container]
    text = _with_subheadings(text, [p for p in body if p.container_id in used], lines)
    extra: list[str] = []
    waiting: list[str] = []  # subheadings of the continuation, until a paragraph follows
    for p in body:
        if p.container_id in used or p.container_id < first or p.text in lines:
            continue  # a continuation follows the block it continues
        if p.heading:
            waiting.append(p.text)
        elif len(p.text) >= MIN_PARAGRAPH:
            extra += [*waiting, p.text]
            waiting = []
    paragraphs_only = frozenset(p.text for p in body if not p.heading)
    return "\n".join([text, *extra]) if extra else text, paragraphs_only


def _with_subheadings(text: str, body: list[Paragraph], lines: set[str]) -> str:
    """`text` with the subheadings of its container that extraction dropped (trafilatura's
    fast path loses some "<h3>"s between paragraphs it keeps), each before the next paragraph
    it kept: a section's title is the article's text too."""
    if not any(p.heading and p.text not in lines for p in body):
        return text
    rows = text.split("\n")
    row_of: dict[str, int] = {}
    for index, row in enumerate(rows):
        row_of.setdefault(" ".join(row.split()), index)
    before: dict[int, list[str]] = {}
    waiting: list[str] = []
    for p in body:
        if p.heading:
            if p.text not in lines:
                waiting.append(p.text)
        elif (at := row_of.get(p.text)) is not None and waiting:
            before.setdefault(at, []).extend(waiting)
            waiting = []
    if not before:
        return text
    out: list[str] = []
    for index, row in enumerate(rows):
        out += [*before.get(index, ()), row]
    return "\n".join(out)
