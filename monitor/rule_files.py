"""Rules kept in files of their own, named by the config's `rule_files`: a spreadsheet's CSV
export (a newsroom keeps its watch list of hundreds or thousands of names in one, not in TOML
tables) or a TOML file of [[rule]] tables (a list another program writes).

Each row becomes a rule table, checked by the config's own validation, its problems named by
file and line. `flattened` writes the config with those rules in it, for the copy `monitor run`
keeps of the last version that validated (its crawls then read one file that cannot change
under them).
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

# the columns a CSV row may have: a rule's keys; lists are cells of values split by ";"
TEXT_COLUMNS = ("name", "query", "person")
LIST_COLUMNS = (
    "variants", "exclude", "channels", "sources", "languages", "exclude_sources", "exclude_urls",
)  # fmt: skip
BOOL_COLUMNS = ("inflect", "enabled", "alert_removals")
COUNT_COLUMNS = ("min_mentions",)
COLUMNS = TEXT_COLUMNS + LIST_COLUMNS + BOOL_COLUMNS + COUNT_COLUMNS
# columns a spreadsheet keeps for people, not read: these names, or any starting with "#"
NOTE_COLUMNS = frozenset(("note", "notes", "comment", "comments", "description", "owner"))
TRUE = frozenset(("true", "yes", "y", "1", "on"))
FALSE = frozenset(("false", "no", "n", "0", "off"))
MAX_BYTES = 200_000_000  # a million rules of 200 bytes
FORMULA_STARTS = frozenset("=+-@")  # what a spreadsheet runs as a formula


class RuleFileError(Exception):
    """A rule file that cannot be read at all (the message names it)."""


def resolved(config_path: Path, shown: str) -> Path:
    """A rule file as the config names it: relative to the config, or absolute, or from ~."""
    path = Path(shown).expanduser()
    return path if path.is_absolute() else config_path.parent / path


def rule_file_tables(path: Path, shown: str) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The rule tables a file holds, each with where it is (`shown` is the file as the config
    names it), and the problems of rows that make no table."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RuleFileError(f"{shown}: over {MAX_BYTES // 1_000_000} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(f"{shown}: cannot read it ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RuleFileError(
            f"{shown}: not UTF-8 (byte {data[exc.start]:#04x} on line {line}): save it as "
            "UTF-8 (in a spreadsheet: CSV UTF-8)"
        ) from None
    if path.suffix.lower() == ".toml":
        return _toml_tables(text, shown), []
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return _csv_tables(text, shown)
    raise RuleFileError(f"{shown}: not a .csv or .toml file")


def _toml_tables(text: str, shown: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{shown}: not valid TOML: {exc}") from None
    extra = sorted(set(raw) - {"rule"})
    if extra:
        raise RuleFileError(f"{shown}: holds [[rule]] tables only, not {', '.join(extra)}")
    rules = raw.get("rule", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise RuleFileError(f"{shown}: rule must be an array of tables, written [[rule]]")
    return [(f"{shown} rule[{i}].", table) for i, table in enumerate(rules)]


def _csv_tables(text: str, shown: str) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    lines = text.splitlines()
    if not lines:
        raise RuleFileError(f"{shown}: empty (a header row first: name,person,query,...)")
    delimiter = _delimiter(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader)]
    unknown = [
        column
        for column in header
        if column and column not in COLUMNS and column not in NOTE_COLUMNS and column[0] != "#"
    ]
    if unknown:
        raise RuleFileError(
            f"{shown}: unknown column(s) {', '.join(map(repr, unknown))} in its header "
            f"(known: {', '.join(COLUMNS)}; notes may go in a column named notes or #...)"
        )
    twice = sorted({c for c in header if c in COLUMNS and header.count(c) > 1})
    if twice:
        raise RuleFileError(f"{shown}: column(s) {', '.join(map(repr, twice))} twice in its header")
    if "query" not in header and "person" not in header:
        raise RuleFileError(f"{shown}: its header names no query or person column")
    out: list[tuple[str, dict[str, Any]]] = []
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        cells = {
            column: as_written(cell.strip())
            for column, cell in zip(header, row, strict=False)
            if column in COLUMNS and cell.strip()
        }
        if not cells or (row and row[0].lstrip().startswith("#")):
            continue  # a blank row, or one commented out
        where = f"{shown}:{line}."
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            problems.append(
                f"{where[:-1]}: {len(row)} cells, {len(header)} columns (a cell holding the "
                f"file's separator {delimiter!r} must be in quotes)"
            )
            continue
        table: dict[str, Any] = {}
        for column, cell in cells.items():
            if column in LIST_COLUMNS:
                table[column] = [part.strip() for part in cell.split(";") if part.strip()]
            elif column in BOOL_COLUMNS:
                if cell.lower() not in TRUE | FALSE:
                    problems.append(f"{where}{column}: {cell!r} is not true or false")
                    continue
                table[column] = cell.lower() in TRUE
            elif column in COUNT_COLUMNS:
                if not cell.isdigit():
                    problems.append(f"{where}{column}: {cell!r} is not a whole number")
                    continue
                table[column] = int(cell)
            else:
                table[column] = cell
        out.append((where, table))  # a row without a name gets one in name_unnamed
    return out, problems


def as_written(cell: str) -> str:
    """A cell without the apostrophe `rules_csv` (and `monitor sql --csv`) put before text a
    spreadsheet would take for a formula ("'-Armenia Baku" is the query "-Armenia Baku"); a
    spreadsheet's own export never writes one there."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS else cell


def rules_csv(rules: list[Any], default_channels: tuple[str, ...]) -> str:
    """Rules as a CSV file `rule_files` reads back as the same rules: the config's own moved
    into a spreadsheet. A rule's channels are written only where they are not every channel
    (the default, which then also takes channels added later)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for rule, enabled in rules:
        cells: dict[str, Any] = {
            "name": rule.name,
            "query": rule.query or "",
            "person": rule.person or "",
            "variants": ";".join(rule.variants),
            "exclude": ";".join(rule.exclude),
            "channels": "" if rule.channels == default_channels else ";".join(rule.channels),
            "sources": ";".join(rule.sources),
            "languages": ";".join(rule.languages),
            "inflect": "" if rule.inflect else "false",
            "enabled": "" if enabled else "false",
            "alert_removals": "true" if rule.alert_removals else "",
            "min_mentions": "" if rule.min_mentions == 1 else str(rule.min_mentions),
            "exclude_sources": ";".join(rule.exclude_sources),
            "exclude_urls": ";".join(rule.exclude_urls),
        }
        writer.writerow([_safe(str(cells[column])) for column in COLUMNS])
    return out.getvalue()


def _safe(cell: str) -> str:
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


def _delimiter(header: str) -> str:
    """Comma, or what a spreadsheet of a comma-decimal locale writes (";"), or a tab: the one
    that splits the header into the most known columns."""
    return max(
        (",", ";", "\t"),
        key=lambda d: sum(cell.strip().lower() in COLUMNS for cell in header.split(d)),
    )


def name_unnamed(own: list[Any], rows: list[dict[str, Any]]) -> None:
    """Name each row without a name after what it watches ("Khadija Ismayilova" ->
    "khadija-ismayilova"), made unique against every other rule's name (-2, -3 ... in file
    order): two rows for one person (one for some sources, another for some languages) are
    two rules, not a duplicate the user never wrote. A name given twice is still refused."""
    taken = {
        table["name"]
        for table in (*own, *rows)
        if isinstance(table, dict) and isinstance(table.get("name"), str)
    }
    for table in rows:
        if "name" in table:
            continue
        base = name = derived_name(table)
        suffix = 2
        while name in taken:
            name, suffix = f"{base}-{suffix}", suffix + 1
        table["name"] = name
        taken.add(name)


def derived_name(table: dict[str, Any]) -> str:
    """A row without a name is named after what it watches: "Khadija Ismayilova" ->
    "khadija-ismayilova" (alerts and `monitor rules` show it)."""
    what = str(table.get("person") or table.get("query") or "rule")
    slug = re.sub(r"[^\w]+", "-", what.casefold()).strip("-")[:60].rstrip("-")
    return slug or "rule"


# -- the running copy -------------------------------------------------------------------------


def flattened(config_path: Path, data: bytes) -> bytes:
    """The config `data` (of the file at `config_path`) with its rule files' rules as [[rule]]
    tables and no `rule_files`: one file, for crawls to read. Comments are not kept."""
    raw = tomllib.loads(data.decode("utf-8-sig"))
    files = raw.pop("rule_files", [])
    own = list(raw.get("rule", []))
    rows: list[dict[str, Any]] = []
    for shown in files:
        tables, problems = rule_file_tables(resolved(config_path, shown), shown)
        if problems:
            raise RuleFileError("; ".join(problems))
        rows += [table for _, table in tables]
    name_unnamed(own, rows)
    rules = own + rows
    if rules:
        raw["rule"] = rules
    return toml_text(raw).encode("utf-8")


def toml_text(raw: dict[str, Any]) -> str:
    """TOML for a config's data: its plain keys, then its tables and arrays of tables."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in raw.items() if not _is_table(v)]
    for key, value in raw.items():
        if isinstance(value, dict):
            lines += ["", f"[{_key(key)}]"]
            lines += [f"{_key(k)} = {_value(v)}" for k, v in value.items()]
        elif _is_table(value):
            for table in value:
                lines += ["", f"[[{_key(key)}]]"]
                lines += [f"{_key(k)} = {_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def _is_table(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {value!r}")
