"""Check samples/truth.json against the sample files (stdlib only).

Run from anywhere:  python samples/check_truth.py
Exits 0 and prints "OK ..." when every check passes, else lists the problems and exits 1.
"""

from __future__ import annotations

import csv
import email.utils
import gzip
import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent

ACLED = {
    "Battles": {
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    },
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Protests": {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    },
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
FIGURE_LISTS = ("killed", "injured", "displaced", "detained", "abducted")
QUALIFIERS = {"exact", "at_least", "more_than", "approx", "range", "vague"}
WEEKDAYS = {
    name: i
    for i, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
WEEKDAYS_FR = {
    name: i
    for i, name in enumerate(
        ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    )
}

errors: list[str] = []


def err(msg: str) -> None:
    errors.append(msg)


def parse_day(s: str) -> date:
    """YYYY-MM-DD or an ISO datetime -> date (raises ValueError)."""
    if len(s) == 10:
        return date.fromisoformat(s)
    return datetime.fromisoformat(s.replace("Z", "+00:00")).date()


# ---------------------------------------------------------------- readers
def read_txt(raw: str) -> dict:
    m = re.match(r"---\n(.*?)\n---\n(.*)", raw, re.S)
    if not m:
        raise ValueError("no front matter")
    meta = {}
    for line in m.group(1).splitlines():
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip()
    rest = m.group(2)
    title, sep, body = rest.partition("\n\n")
    if not sep or "\n" in title:
        raise ValueError("expected a title line, a blank line, then the body")
    for k in ("url", "outlet", "published"):
        if k not in meta:
            raise ValueError(f"front matter lacks {k}")
    if "title" in meta and meta["title"] != title:
        raise ValueError("front-matter title differs from the first line")
    return {**meta, "title": title, "text": body}


class _MetaParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("property"):
            self.meta[a["property"]] = a.get("content", "")
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def strip_tags(s: str) -> str:
    s = re.sub(r"<script.*?</script>", " ", s, flags=re.S)
    return html.unescape(re.sub(r"<[^>]*>?", " ", s))


def read_html(raw: str) -> dict:
    p = _MetaParser()
    p.feed(raw)
    for prop in ("og:site_name", "article:published_time"):
        if prop not in p.meta:
            raise ValueError(f"no <meta property={prop}>")
    if not p.title.strip():
        raise ValueError("no <title>")
    m = re.search(r"<article\b.*?(?:</article>|$)", raw, re.S)
    if not m:
        raise ValueError("no <article>")
    return {
        "url": p.meta.get("og:url", ""),
        "outlet": p.meta["og:site_name"],
        "published": p.meta["article:published_time"],
        "title": p.title,
        "text": " ".join(strip_tags(m.group(0)).split()),
    }


def read_records(path: Path) -> list[dict]:
    if path.suffix == ".jsonl":
        recs = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        for r in recs:
            if set(r) != {"url", "outlet", "title", "published", "text"}:
                raise ValueError(f"jsonl keys {sorted(r)}")
        return recs
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh)
            if rd.fieldnames != ["url", "outlet", "title", "published", "text"]:
                raise ValueError(f"csv header {rd.fieldnames}")
            return list(rd)
    if path.suffix == ".xml":
        root = ET.parse(path).getroot()
        ch = root.find("channel")
        outlet = ch.findtext("title")
        recs = []
        for it in ch.findall("item"):
            pub = email.utils.parsedate_to_datetime(it.findtext("pubDate"))
            recs.append(
                {
                    "url": it.findtext("link"),
                    "outlet": outlet,
                    "title": it.findtext("title"),
                    "published": pub.isoformat(),
                    "text": " ".join(strip_tags(it.findtext("description")).split()),
                }
            )
        return recs
    raise ValueError(f"unknown record file {path}")


def load_all() -> dict[str, dict]:
    """key -> record for every article in the corpus."""
    out: dict[str, dict] = {}
    for p in sorted((HERE / "articles").glob("*.txt")):
        out[p.relative_to(HERE).as_posix()] = read_txt(p.read_text(encoding="utf-8"))
    for p in sorted((HERE / "archive").iterdir()):
        if not p.name.endswith(".txt.gz"):
            err(f"unexpected file in archive/: {p.name}")
            continue
        out[p.relative_to(HERE).as_posix()] = read_txt(
            gzip.decompress(p.read_bytes()).decode("utf-8")
        )
    for p in sorted((HERE / "web").glob("*.html")):
        out[p.relative_to(HERE).as_posix()] = read_html(p.read_text(encoding="utf-8"))
    for p in sorted(list((HERE / "batch").glob("*")) + list((HERE / "feeds").glob("*"))):
        rel = p.relative_to(HERE).as_posix()
        for i, r in enumerate(read_records(p), 1):
            out[f"{rel}#{i}"] = r
    return out


# ---------------------------------------------------------------- checks
def norm(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").lower().split())


def check_date_expression(d: dict, pub: date, text: str, where: str) -> None:
    t = d["text"]
    if norm(t) not in norm(text):
        err(f"{where}: date expression {t!r} not in text")
    res = d["resolves_to"]
    try:
        if "/" in res:
            a, b = (date.fromisoformat(x) for x in res.split("/"))
        else:
            a = b = date.fromisoformat(res)
    except ValueError:
        err(f"{where}: bad resolves_to {res!r}")
        return
    low = t.lower()
    words = re.findall(r"[a-zé]+", low)
    wd = next(
        (WEEKDAYS.get(w, WEEKDAYS_FR.get(w)) for w in words if w in WEEKDAYS or w in WEEKDAYS_FR),
        None,
    )
    # naive_resolution (stitched pages): what resolving against the page's own date gives
    base_check = date.fromisoformat(d["naive_resolution"]) if "naive_resolution" in d else None
    if wd is not None:
        if a.weekday() != wd:
            err(f"{where}: {t!r} -> {a} is a {a.strftime('%A')}")
        if base_check is None and not (0 <= (pub - a).days <= 6):
            err(f"{where}: {t!r} -> {a} not within the 6 days up to {pub}")
        if base_check is not None and (
            base_check.weekday() != wd or not (0 <= (pub - base_check).days <= 6)
        ):
            err(f"{where}: naive_resolution {base_check} wrong for {t!r}")
    elif low == "yesterday":
        if base_check is None and a != pub - timedelta(days=1):
            err(f"{where}: 'yesterday' -> {a}, published {pub}")
        if base_check is not None and base_check != pub - timedelta(days=1):
            err(f"{where}: naive 'yesterday' -> {base_check}, published {pub}")
    elif low == "last week":
        monday = pub - timedelta(days=pub.weekday())
        if (a, b) != (monday - timedelta(days=7), monday - timedelta(days=1)):
            err(f"{where}: 'last week' range {res} wrong for {pub}")
    elif low == "next week":
        monday = pub - timedelta(days=pub.weekday())
        if (a, b) != (monday + timedelta(days=7), monday + timedelta(days=13)):
            err(f"{where}: 'next week' range {res} wrong for {pub}")
    elif low == "earlier this month":
        if (a, b) != (pub.replace(day=1), pub - timedelta(days=1)):
            err(f"{where}: 'earlier this month' range {res} wrong for {pub}")
    elif re.fullmatch(
        r"on (january|february|march|april|may|june|july|august|september|"
        r"october|november|december) \d{1,2}",
        low,
    ):
        if datetime.strptime(low[3:] + f" {pub.year}", "%B %d %Y").date() != a:
            err(f"{where}: {t!r} -> {a}")
    else:
        err(f"{where}: no rule to check date expression {t!r}")


def main() -> int:
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    if "fictional" not in truth.get("note", ""):
        err("truth.json note must say the corpus is fictional")
    try:
        corpus = load_all()
    except Exception as e:
        print(f"FAILED to read corpus: {e}")
        return 1

    arts = truth["articles"]
    keys = [a["key"] for a in arts]
    if len(set(keys)) != len(keys):
        err("duplicate article keys in truth.json")
    missing = sorted(set(corpus) - set(keys))
    extra = sorted(set(keys) - set(corpus))
    for k in missing:
        err(f"file/record not listed in truth.json: {k}")
    for k in extra:
        err(f"truth.json key has no file/record: {k}")
    # every file on disk (other than the meta files) is covered
    meta_files = {"truth.json", "README.md", "check_truth.py"}
    listed_files = {a["file"] for a in arts}
    for p in HERE.rglob("*"):
        rel = p.relative_to(HERE).as_posix()
        if (
            p.is_file()
            and rel not in meta_files
            and "__pycache__" not in rel
            and rel not in listed_files
        ):
            err(f"file on disk not listed: {rel}")
    if not 28 <= len(arts) <= 36:
        err(f"{len(arts)} articles, want 28-36")

    events = {e["id"]: e for e in truth["events"]}
    used_events = set()
    outlets = set()
    langs = {}
    for a in arts:
        k = a["key"]
        if a["file"] != k.split("#")[0]:
            err(f"{k}: file {a['file']!r} does not match key")
        rec = corpus.get(k)
        if rec is None:
            continue
        outlets.add(a["outlet"])
        langs[a["language"]] = langs.get(a["language"], 0) + 1
        if not a["outlet"].startswith("sitrep-sample/"):
            err(f"{k}: outlet {a['outlet']!r} not sitrep-sample/...")
        if rec["outlet"] != a["outlet"]:
            err(f"{k}: outlet in file {rec['outlet']!r} != truth {a['outlet']!r}")
        if not re.match(r"https://[a-z0-9-]+\.example/", rec["url"]):
            err(f"{k}: url {rec['url']!r} not on an .example domain")
        if a.get("url") and a["url"] != rec["url"]:
            err(f"{k}: url differs from truth")
        try:
            pub = parse_day(rec["published"])
            tpub = date.fromisoformat(a["published"])
        except ValueError as e:
            err(f"{k}: date does not parse: {e}")
            continue
        if pub != tpub:
            err(f"{k}: published {pub} in file != {tpub} in truth")
        if not (date(2024, 3, 1) <= pub <= date(2024, 3, 31)):
            err(f"{k}: published {pub} outside March 2024")
        if a.get("title") and norm(a["title"]) not in norm(rec["title"]):
            err(f"{k}: title differs from truth")
        n_words = len(rec["text"].split())
        if not 60 <= n_words <= 250:
            err(f"{k}: {n_words} words, want 60-250")
        if a["copy_status"] not in {"original", "syndicated", "spun", "stitched"}:
            err(f"{k}: bad copy_status {a['copy_status']!r}")
        if (a["copy_status"] == "original") != (not a.get("copy_of")):
            err(f"{k}: copy_of must be empty exactly for originals")
        for src in a.get("copy_of", []):
            if src not in corpus:
                err(f"{k}: copy_of {src!r} does not exist")
            elif src in keys:
                sp = date.fromisoformat(arts[keys.index(src)]["published"])
                if sp > tpub:
                    err(f"{k}: copy_of {src} was published after the copy")
        for ev in a["events"]:
            if ev not in events:
                err(f"{k}: unknown event {ev}")
            used_events.add(ev)
        for d in a.get("date_expressions", []):
            check_date_expression(d, pub, rec["title"] + "\n" + rec["text"], k)
            if d["refers_to"] is not None and d["refers_to"] not in a["events"]:
                err(f"{k}: date expression refers to {d['refers_to']} not in its events")
            if (
                d["refers_to"] in events
                and "/" not in d["resolves_to"]
                and d["resolves_to"] != events[d["refers_to"]]["date"]
            ):
                err(
                    f"{k}: {d['text']!r} resolves to {d['resolves_to']}, event "
                    f"{d['refers_to']} is on {events[d['refers_to']]['date']}"
                )
            if "/" in d["resolves_to"] and d["refers_to"] in events:
                lo, hi = d["resolves_to"].split("/")
                if not lo <= events[d["refers_to"]]["date"] <= hi:
                    err(f"{k}: event date outside range {d['resolves_to']}")

    if len(outlets) < 7:
        err(f"only {len(outlets)} outlets")
    if sum(n for lang, n in langs.items() if lang != "en") != 1:
        err(f"want exactly one non-English article, got {langs}")

    art_by_key = {a["key"]: a for a in arts}
    for eid, e in events.items():
        if eid not in used_events:
            err(f"event {eid} is in no article")
        if e["sub_event_type"] not in ACLED.get(e["event_type"], ()):
            err(f"{eid}: {e['event_type']} / {e['sub_event_type']} is not an ACLED pair")
        try:
            date.fromisoformat(e["date"])
        except ValueError:
            err(f"{eid}: bad date {e['date']!r}")
        for lst in FIGURE_LISTS:
            for f in e.get(lst, []):
                k = f["key"]
                if k not in corpus:
                    err(f"{eid}.{lst}: key {k} does not exist")
                    continue
                if k not in art_by_key or eid not in art_by_key[k]["events"]:
                    err(f"{eid}.{lst}: article {k} does not list {eid}")
                if norm(f["text"]) not in norm(corpus[k]["title"] + " " + corpus[k]["text"]):
                    err(f"{eid}.{lst}: {f['text']!r} not found in {k}")
                if f["qualifier"] not in QUALIFIERS:
                    err(f"{eid}.{lst}: bad qualifier {f['qualifier']!r}")
                if (f["value"] is None) != (f["qualifier"] == "vague"):
                    err(f"{eid}.{lst}: value must be null exactly for vague figures")
                if f["qualifier"] == "range" and not f.get("max", -1) > (f["value"] or 0):
                    err(f"{eid}.{lst}: range needs max > value")
                if not f.get("source"):
                    err(f"{eid}.{lst}: figure without source")
            if lst in e and not e[lst]:
                err(f"{eid}: empty list {lst} should be omitted")

    # no machine-specific absolute paths anywhere
    for p in HERE.rglob("*"):
        if p.is_file() and p.suffix != ".gz" and "__pycache__" not in p.parts:
            body = p.read_text(encoding="utf-8")
            if (
                re.search(r"(?<![\w.])/(?:work|home|tmp|Users|root)/", body)
                and p.name != "check_truth.py"
            ):
                err(f"{p.relative_to(HERE)}: contains an absolute path")

    if errors:
        print(f"{len(errors)} problem(s):")
        for m in errors:
            print("  -", m)
        return 1
    n_fig = sum(len(e.get(lst, [])) for e in events.values() for lst in FIGURE_LISTS)
    print(
        f"OK: {len(arts)} articles, {len(events)} events, {len(outlets)} outlets, "
        f"{n_fig} figures checked"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
