"""The furniture trafilatura leaves around a body is removed; the article's own text never is."""

from monitor.text_cleanup import tidy

BODY = (
    "The parliament in Baku voted on Tuesday to extend the detention of three reporters, "
    "a decision their lawyers called unlawful and said they would appeal."
)


def test_repeated_headline_standfirst_and_stamp_are_dropped_from_the_top() -> None:
    text = "\n".join(
        [
            "Court extends detention of reporters",
            "Lawyers say they will appeal the decision.",
            "Published 18 November 2019",
            BODY,
        ]
    )
    got = tidy(
        text,
        title="Court extends detention of reporters | Example News",
        description="Lawyers say they will appeal the decision.",
    )
    assert got == BODY


def test_a_lede_that_is_also_the_description_stays_when_no_headline_precedes_it() -> None:
    text = f"{BODY}\nA second paragraph follows with more detail about the hearing."
    assert tidy(text, title="Something else entirely here", description=BODY) == text


def test_links_to_other_stories_and_promotions_are_dropped_anywhere() -> None:
    text = "\n".join(
        [
            BODY,
            "Read more: Parliament passes the budget",
            "Читайте также: Суд продлил арест",
            "Follow us on Twitter @example",
            "The hearing resumes next week.",
            "Write to Jane Roe at jane.roe@example.org",
        ]
    )
    assert tidy(text, title=None, description=None) == f"{BODY}\nThe hearing resumes next week."


def test_a_long_paragraph_that_happens_to_start_like_furniture_is_kept() -> None:
    paragraph = "Subscribe to our newsletter" + " and the article goes on" * 12
    text = f"{BODY}\n{paragraph}"
    assert tidy(text, title=None, description=None) == text


def test_nothing_left_means_the_text_is_kept_as_it_was() -> None:
    assert tidy("Read more: elsewhere", title=None, description=None) == "Read more: elsewhere"
