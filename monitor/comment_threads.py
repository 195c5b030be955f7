"""Readers' comments and the comment form, found by their shape, dropped before extraction.

trafilatura leaves out comments its XPaths know by name (`comment` in a class or id, Disqus);
a thread named otherwise (`<section id="responses">` of `<article class="response">`, a
`div.kommentarii`) inside the article's element is read as the story, and a watch word in a
reader's comment is not the article mentioning it. What every thread has, whatever its names:
a "Reply" control in each comment, and the comments siblings of one kind (the same tag and
class). A comment form is a form with a text area.
"""

from __future__ import annotations

import re
from itertools import islice

from lxml.html import HtmlElement

# a reply control's whole text, in the languages we watch and the major ones
REPLY_WORDS = frozenset(
    [
        "reply",
        "respond",
        "ответить",
        "відповісти",
        "адказаць",
        "cavab",
        "cavabla",
        "yanıtla",
        "yanitla",
        "cevapla",
        "პასუხი",
        "უპასუხე",
        "პასუხის",
        "պատասխանել",
        "antworten",
        "répondre",
        "repondre",
        "responder",
        "rispondi",
        "odpowiedz",
        "odpovědět",
    ]
) | {"cavab ver", "cavab yaz", "cevap ver", "reply to comment", "reply to this comment"}
# a comment section's heading, its whole text but for a count ("Comments (2)", "2 комментария",
# "Şərhlər: 5"), in the languages we watch and the major ones; plural forms and phrases only
# ("Комментарий" alone opens an official's comment in a Russian story)
COMMENT_HEADINGS = frozenset(
    [
        "comments",
        "reader comments",
        "readers' comments",
        "readers comments",
        "комментарии",
        "комментариев",
        "комментария",
        "комментарии читателей",
        "коментарі",
        "коментарів",
        "коментарі читачів",
        "каментарыі",
        "şərhlər",
        "rəylər",
        "oxucu şərhləri",
        "yorumlar",
        "okuyucu yorumları",
        "კომენტარები",
        "მკითხველის კომენტარები",
        "մեկնաբանություններ",
        "kommentare",
        "leserkommentare",
        "commentaires",
        "comentarios",
        "commenti",
        "komentarze",
        "komentáře",
        "komentáre",
    ]
)
HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
# what follows a story's own heading; comments come in boxes of their own (div, li, article)
STORY_TEXT = frozenset({"p", "blockquote", "table", "figure", *HEADING_TAGS})
COUNT = re.compile(r"[\d()\[\]:·|•—–-]+")
MAX_CLIMB = 8  # elements above a reply control or a form where its comment or box may end
MAX_CONTROL = 40  # characters of a reply control's text ("Reply to Jane Roe")
PAGE_ELEMENTS = frozenset({"html", "body", "main"})
STORY_ELEMENTS = PAGE_ELEMENTS | {"article"}
MAX_FORM_TEXT = 150  # characters around a comment form that are its own ("Leave a Reply")
# an id or class that names a thread of comments, as a word of its own: "sf_comment_list",
# "post-comments", "commentlist", "kommentare" (trafilatura knows only names that start with
# "comment" and a few others). A single comment's name ("comment", "content--comment": the
# Guardian's opinion pieces) is not one.
NAMED_THREAD = re.compile(
    r"(?:^|[^a-z])(?:comments?[-_]?(?:list|thread|threads|section|area|box|container|"
    r"wrapper|wrap|block|holder|items|stream|feed|body|text|form|respond)|comments|comentarios|"
    r"kommentare|commentaires|commenti|komentarze|yorumlar|kommentarii|komentari)(?:$|[^a-z])"
)
THREAD_TAGS = ("div", "section", "ul", "ol", "aside", "footer", "dl")


def drop_comment_threads(tree: HtmlElement) -> None:
    """Each comment: the lowest element above a reply control that has a sibling of its kind
    with a reply control too. A lone reply control, or one whose comment has no sibling of its
    kind, is left (a thread of one comment leaks; an article is never dropped for a button)."""
    controls = [element for element in tree.iter("a", "button") if _replies(element)]
    if len(controls) < 2:
        return
    # elements with a headline inside: a comment holds none; above one is a story (the next
    # of an endless page, whose comments are also siblings of their kind)
    headed: set[HtmlElement] = set()
    for h1 in tree.iter("h1"):
        for element in (h1, *h1.iterancestors()):
            if element in headed:  # and so are its ancestors: each element is added once
                break
            headed.add(element)
    holding: set[HtmlElement] = set()  # elements with a reply control inside
    for control in controls:
        for element in (control, *islice(control.iterancestors(), MAX_CLIMB)):
            if element in holding:
                break
            holding.add(element)
    comments: list[HtmlElement] = []
    for control in controls:
        for element in (control, *islice(control.iterancestors(), MAX_CLIMB)):
            parent = element.getparent()
            if parent is None or element.tag in PAGE_ELEMENTS or element in headed:
                break
            kind = _kind(element)
            if any(
                other is not element and other in holding and _kind(other) == kind
                for other in parent
            ):
                comments.append(element)
                break
    for comment in comments:  # a reply inside a comment dropped before goes with it anyway
        if comment.getparent() is not None:
            comment.drop_tree()


def drop_comment_sections(tree: HtmlElement) -> None:
    """A section of readers' comments that shows no reply control (a news site that
    publishes comments it moderated): known by its heading ("Comments (2)", "Комментарии",
    "Şərhlər"). The heading's box goes where the heading opens it; else the heading and what
    follows it in its parent, up to a story (an element holding a headline or an article),
    where that is boxes, not prose (a story's own section may be called "Comments")."""
    headings = [h for h in tree.iter(*HEADING_TAGS) if _names_comments(h)]
    if not headings:  # most pages
        return
    prose = _paragraph_text(tree)
    for heading in headings:
        parent = heading.getparent()
        if parent is None:  # dropped with an earlier one
            continue
        first = next((child for child in parent if isinstance(child.tag, str)), None)
        if (
            first is heading
            and parent.tag not in STORY_ELEMENTS
            and next(parent.iter("h1", "article"), None) is None
        ):
            section = [parent]
        else:
            section = [heading]
            for sibling in heading.itersiblings():
                if isinstance(sibling.tag, str) and (
                    sibling.tag in ("h1", "article")
                    or next(sibling.iter("h1", "article"), None) is not None
                ):
                    break
                section.append(sibling)
            if any(element.tag in STORY_TEXT for element in section[1:]):
                continue  # prose after it: a story's section of that name, not its readers'
        # never most of the page's paragraphs: a "Comments (3)" counter over the story's body
        if 2 * sum(map(_paragraph_text, section)) > prose:
            continue
        for element in section:
            element.drop_tree()


def _paragraph_text(element: HtmlElement) -> int:
    """Characters of the paragraphs in (or of) an element."""
    return sum(len(p.text_content()) for p in element.iter("p"))


def _names_comments(heading: HtmlElement) -> bool:
    """Is this element's whole text a comment section's heading, a count aside? Not a link
    (a counter that leads to the comments, "Comments (3)" beside the byline)."""
    if len(heading) and any(child.tag not in ("span", "b", "strong", "i") for child in heading):
        return False
    text = heading.text_content()
    if len(text) > MAX_CONTROL:
        return False
    words = " ".join(COUNT.sub(" ", text).split()).lower()
    return words in COMMENT_HEADINGS


def drop_named_threads(tree: HtmlElement) -> None:
    """Elements whose id or class names a comment thread (NAMED_THREAD): a list of moderated
    comments shows neither a reply control nor a heading of its own ("Comentar" over the form,
    the comments after it). Never an element holding the headline, an article or most of the
    page's paragraphs (a story's box called "has-comments")."""
    named = [
        element
        for element in tree.iter(*THREAD_TAGS)
        if NAMED_THREAD.search(f"{element.get('id') or ''} {element.get('class') or ''}".lower())
    ]
    if not named:  # most pages
        return
    prose = _paragraph_text(tree)
    dropped: set[HtmlElement] = set()
    for element in named:  # in document order: an element before those inside it
        if element.getparent() is None or any(a in dropped for a in element.iterancestors()):
            continue
        if next(element.iter("h1", "article"), None) is not None:
            continue
        if 2 * _paragraph_text(element) > prose:
            continue
        element.drop_tree()
        dropped.add(element)


def drop_comment_forms(tree: HtmlElement) -> None:
    """A form with a text area (a comment box), with what around it is only its own: the
    "Leave a Reply" heading, "Your email address will not be published"."""
    for area in list(tree.iter("textarea")):
        if area.getparent() is None:  # in a form already dropped
            continue
        box = next(area.iterancestors("form"), area)
        inside = len(box.text_content())
        for _ in range(MAX_CLIMB):
            parent = box.getparent()
            if parent is None or parent.tag in STORY_ELEMENTS:
                break
            if len(parent.text_content()) - inside > MAX_FORM_TEXT:
                break
            box, inside = parent, len(parent.text_content())
        if box.getparent() is not None:
            box.drop_tree()


def _replies(element: HtmlElement) -> bool:
    text = element.text if len(element) == 0 else element.text_content()
    if not text or len(text) > MAX_CONTROL:
        return False
    words = " ".join(text.split()).strip(" ↓↩→»›.:!").lower()
    return words in REPLY_WORDS or (
        words.startswith(("reply to ", "ответить ")) and len(words) <= MAX_CONTROL
    )


def _kind(element: HtmlElement) -> tuple[str, str]:
    """An element's tag and first class (digits aside: `comment-17`, `depth-2`)."""
    classes = (element.get("class") or "").split()
    first = "".join(c for c in classes[0] if not c.isdigit()) if classes else ""
    return str(element.tag), first
