"""Alert -> email message / webhook payload. All escaping of untrusted article text lives here."""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import re
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit

from monitor.config import EmailChannel
from monitor.models import Alert, utcnow
from monitor.not_found import site_answer

# C0/C1 controls, DEL and the Unicode line/paragraph separators: none may reach a header
UNSAFE_HEADER = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
SUBJECT_MAX = 180
EDITED = "since we first read it: the match is in what its site added or changed"
TAKEN_DOWN = (
    "its site no longer gives this story: it {answer}, twice some time apart; below is what "
    "it said, as the archive keeps it"
)


BACK = (
    "its site gives this story again: it had {answer}, and we recorded it taken down; below "
    "is what it says now"
)


def back_note(status: int) -> str:
    """What an alert for a story its site gives again says of it."""
    return BACK.format(answer=site_answer(status, past=True))


def taken_down_note(status: int) -> str:
    """What a takedown alert says of it: what the story's address answers (a status, the
    home page, the site's not-found page)."""
    return TAKEN_DOWN.format(answer=site_answer(status))


REMOVED = (
    "since we first read it: what the rule matched is no longer in the story; below is what "
    "it said before the edit"
)
# headers stay on one line up to RFC 5322's hard limit; the default folding mangles "[monitor] ..."
EMAIL_POLICY = policy.SMTP.clone(max_line_length=998)


def one_line(value: str | None, *, limit: int = SUBJECT_MAX) -> str:
    """Collapse a value to one clean line, for headers and short labels."""
    cleaned = " ".join(UNSAFE_HEADER.sub(" ", value or "").split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def safe_link(url: str) -> str | None:
    """Only http(s) links become clickable; `javascript:` and friends never do."""
    return url if urlsplit(url).scheme in ("http", "https") else None


def subject(alert: Alert, *, rules: str | None = None) -> str:
    edited = (
        " (back online)"
        if alert.back is not None
        else " (taken down)"
        if alert.taken_down is not None
        else " (taken out by an edit)"
        if alert.removed
        else " (edited)"
        if alert.edited
        else ""
    )
    return one_line(f"[monitor] {rules or alert.rule}: {alert.title or alert.url}{edited}")


def _rules(alerts: list[Alert]) -> str:
    return ", ".join(dict.fromkeys(a.rule for a in alerts))


def _facts(alert: Alert, *, rules: str | None = None) -> list[tuple[str, str]]:
    edited = (
        [("Back online", back_note(alert.back))]
        if alert.back is not None
        else [("Taken down", taken_down_note(alert.taken_down))]
        if alert.taken_down is not None
        else [("Edited", REMOVED)]
        if alert.removed
        else [("Edited", EDITED)]
        if alert.edited
        else []
    )
    return [
        ("Rules" if rules and "," in rules else "Rule", rules or alert.rule),
        ("Title", alert.title or "(no title)"),
        ("Source", alert.source),
        ("Published", alert.published or "unknown"),
        *edited,
        ("Author", alert.author or "unknown"),
        ("Link", alert.url),
    ]


def _envelope(channel: EmailChannel, subject_line: str, key: str) -> EmailMessage:
    """Headers shared by alerts and digests; the Message-ID comes from `key`, so it is stable."""
    message = EmailMessage(policy=EMAIL_POLICY)
    message["Subject"] = subject_line
    message["From"] = channel.sender
    message["To"] = ", ".join(channel.to)
    message["Date"] = format_datetime(utcnow())
    domain = channel.sender.rpartition("@")[2] or "media-monitor.invalid"
    message["Message-ID"] = f"<{key}@{one_line(domain, limit=200)}>"
    # RFC 3834: machine-sent, so out-of-office and vacation responders do not answer every alert
    message["Auto-Submitted"] = "auto-generated"
    return message


def sample_email(channel: EmailChannel, subject_line: str, key: str) -> EmailMessage:
    """The envelope of a channel's test message (`monitor test-channels`), body to be set."""
    message = _envelope(channel, subject_line, key)
    message["X-Monitor-Test"] = "yes"
    return message


def email_message(
    alert: Alert, channel: EmailChannel, matches: list[dict[str, Any]]
) -> EmailMessage:
    """A multipart/alternative message; the Message-ID is derived from the alert, so it is stable."""
    return article_email([alert], channel, {alert.id: matches})


def article_email(
    alerts: list[Alert], channel: EmailChannel, matches: dict[int, list[dict[str, Any]]]
) -> EmailMessage:
    """One message for the alerts of one article (the rules it matched, for one channel): the
    article's facts once, then each rule's matching sentences. Its Message-ID comes from the
    alerts, so a retry keeps it."""
    first, rules = alerts[0], _rules(alerts)
    key = f"alert-{first.uid}" if len(alerts) == 1 else f"alerts-{digest_id(alerts)}"
    message = _envelope(channel, subject(first, rules=rules), key)
    message["X-Monitor-Rule"] = one_line(rules)
    # the alerts it carries (their ids, as webhooks name them): a mail filter or an audit can
    # tell which alerts a message delivered, also when it carries several
    message["X-Monitor-Alerts"] = ", ".join(a.uid for a in alerts)
    message.set_content(article_text(alerts, matches))
    sentences = [(a.rule, _sentences(a, matches.get(a.id, []))) for a in alerts]
    message.add_alternative(_html_body(first, sentences, rules=rules), subtype="html")
    return message


def text_body(alert: Alert, matches: list[dict[str, Any]]) -> str:
    """The plain-text alert: facts, the matching sentences, other addresses of the story."""
    return article_text([alert], {alert.id: matches})


def article_subject(alerts: list[Alert]) -> str:
    return subject(alerts[0], rules=_rules(alerts))


def article_text(alerts: list[Alert], matches: dict[int, list[dict[str, Any]]]) -> str:
    """The plain-text alert of one article for one or more rules (see article_email)."""
    alert, rules = alerts[0], _rules(alerts)
    lines = [
        f"{label}: {one_line(value, limit=2000)}" for label, value in _facts(alert, rules=rules)
    ]
    for each in alerts:
        label = "Matched:" if len(alerts) == 1 else f"Matched ({one_line(each.rule)}):"
        lines += ["", label] + [
            f'  "{one_line(m, limit=400)}" in: {one_line(s, limit=1000)}'
            for m, s in _sentences(each, matches.get(each.id, []))
        ]
    if alert.copies:
        lines += ["", "Also published at:"] + [
            f"  {one_line(url, limit=2000)}" for url in alert.copies
        ]
    return "\n".join(lines) + "\n"


def _sentences(alert: Alert, matches: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = [(m.get("text", ""), m.get("sentence", "")) for m in matches]
    return found or [(alert.matched, alert.snippet)]


def _highlight(sentence: str, matched: str) -> str:
    """Escape the sentence and wrap the matched text in <mark>; escaping happens first."""
    escaped, needle = html.escape(sentence), html.escape(matched)
    if needle and needle in escaped:
        return escaped.replace(needle, f"<mark>{needle}</mark>", 1)
    return escaped


def _html_body(
    alert: Alert, sentences: list[tuple[str, list[tuple[str, str]]]], *, rules: str
) -> str:
    """`sentences`: each rule's (matched, sentence) pairs, in the order of its alerts."""
    link = safe_link(alert.url)
    title = html.escape(one_line(alert.title or alert.url, limit=500))
    heading = f'<a href="{html.escape(link, quote=True)}">{title}</a>' if link else title
    rows = "".join(
        f"<tr><th align='left'>{html.escape(label)}</th><td>{html.escape(one_line(value, limit=2000))}</td></tr>"
        for label, value in _facts(alert, rules=rules)
        if label not in ("Title", "Link")
    )
    quotes = ""
    for rule, pairs in sentences:
        if len(sentences) > 1:
            quotes += f"<p>Matched ({html.escape(one_line(rule))}):</p>"
        quotes += "".join(f"<blockquote>{_highlight(s, m)}</blockquote>" for m, s in pairs)
    if alert.copies:
        quotes += (
            "<p>Also published at:</p><ul>"
            + "".join(f"<li>{html.escape(url)}</li>" for url in alert.copies)
            + "</ul>"
        )
    return (
        "<!doctype html><html><body>"
        f"<h2>{heading}</h2><table>{rows}</table>"
        f"{'<p>Matched:</p>' if len(sentences) == 1 else ''}{quotes}"
        f"<p><small>{html.escape(alert.url)}</small></p></body></html>"
    )


def webhook_payload(
    alert: Alert, matches: list[dict[str, Any]], *, timestamp: str
) -> dict[str, Any]:
    return {
        "type": "monitor.alert",
        "timestamp": timestamp,
        "data": {
            "id": alert.uid,
            "rule": alert.rule,
            "channel": alert.channel,
            "article": {
                "url": alert.url,
                "title": alert.title,
                "source": alert.source,
                "author": alert.author,
                "published": alert.published,
                "language": alert.language,
            },
            # the match is in an edit of a story first read earlier (monitor.edits); or
            # (removed) the edit took out what matched, and the matches are what it said before
            "edited": bool(alert.edited),
            "removed": bool(alert.removed),
            # its site took the story down: the status its page answers (404, 410, 451), the
            # matches what the archive keeps of it; null for the others
            "taken_down": alert.taken_down,
            # its site gives the story again after a takedown: the status it had answered
            "back": alert.back,
            "matches": matches or [{"text": alert.matched, "sentence": alert.snippet}],
            "snippet": alert.snippet,
            "copies": list(alert.copies),
        },
    }


def webhook_id(alert: Alert) -> str:
    return f"msg_{alert.uid}"


def sign_webhook(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """Standard Webhooks signature: v1,base64(HMAC-SHA256(key, f'{id}.{ts}.{body}'))."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def digest_id(alerts: list[Alert]) -> str:
    """Stable for the same set of alerts, so a retried digest keeps its id."""
    return hashlib.sha256("\n".join(sorted(a.uid for a in alerts)).encode()).hexdigest()[:32]


def digest_subject(alerts: list[Alert]) -> str:
    rules = sorted({a.rule for a in alerts})
    return one_line(
        f"[monitor] digest: {len(alerts)} alert{'s' if len(alerts) != 1 else ''} ({', '.join(rules)})"
    )


def digest_text(alerts: list[Alert]) -> str:
    """Stories by rule, each with its link and matching sentence."""
    lines: list[str] = []
    for rule in sorted({a.rule for a in alerts}):
        lines += ["", f"== {one_line(rule)} =="]
        for a in (a for a in alerts if a.rule == rule):
            lines.append(
                f"- {one_line(a.title or a.url, limit=500)} ({one_line(a.source)}, {a.published or 'date unknown'}{_digest_note(a)})"
            )
            lines.append(f"  {one_line(a.url, limit=2000)}")
            lines.append(f"  “{one_line(a.snippet, limit=600)}”")
            lines += [f"  also at {one_line(url, limit=2000)}" for url in a.copies]
    return "\n".join(lines).lstrip() + "\n"


def digest_email(alerts: list[Alert], channel: EmailChannel) -> EmailMessage:
    message = _envelope(channel, digest_subject(alerts), f"digest-{digest_id(alerts)}")
    message.set_content(digest_text(alerts))
    sections = []
    for rule in sorted({a.rule for a in alerts}):
        items = "".join(
            f"<li>{_linked(a)} <small>({html.escape(one_line(a.source))}, {html.escape(a.published or 'date unknown')}{_digest_note(a)})</small>"
            f"<br>{_highlight(a.snippet, a.matched)}</li>"
            for a in alerts
            if a.rule == rule
        )
        sections.append(f"<h3>{html.escape(one_line(rule))}</h3><ul>{items}</ul>")
    message.add_alternative(
        "<!doctype html><html><body>" + "".join(sections) + "</body></html>", subtype="html"
    )
    return message


def _digest_note(alert: Alert) -> str:
    if alert.back is not None:
        return ", back online"
    if alert.taken_down is not None:
        return ", taken down"
    return ", taken out by an edit" if alert.removed else ", edited" if alert.edited else ""


def _linked(alert: Alert) -> str:
    title = html.escape(one_line(alert.title or alert.url, limit=500))
    link = safe_link(alert.url)
    return f'<a href="{html.escape(link, quote=True)}">{title}</a>' if link else title


def digest_payload(
    alerts: list[Alert], matches: dict[int, list[dict[str, Any]]], *, timestamp: str
) -> dict[str, Any]:
    return {
        "type": "monitor.digest",
        "timestamp": timestamp,
        "data": {
            "id": digest_id(alerts),
            "alerts": [
                webhook_payload(a, matches.get(a.id, []), timestamp=timestamp)["data"]
                for a in alerts
            ],
        },
    }
