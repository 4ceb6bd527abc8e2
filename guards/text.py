"""Text normalization shared by the guards."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Characters a user may insert to break up a word ("오 로 라", "P.r.o.j.e.c.t", "2 5 세").
SEPARATOR_CLASS = r"[\s\-_.·,/'\"()\[\]*~|]"
_SEP_RE = re.compile(SEPARATOR_CLASS + "+")


# Hanja a user may write for a Korean word ("30代", "女性", "未婚"): read as Hangul.
_HANJA = str.maketrans("代歲才女男性婚未既年生以下上限國籍外人出身障碍宗敎教齡信者基督本佛鄕故姻結容貌定嶺湖南地域",
                       "대세세여남성혼미기년생이하상한국적외인출신장애종교교령신자기독본불향고인결용모정영호남지역")


# Hanja and symbols that stand for a whole word when they stand alone ("女 지원자", "父 직업",
# "이력 無", "♀", "35세↓"): read as that word, longest first, before the one-character table.
_WORD_SIGNS = {
    "男女": "남녀", "女性": "여성", "男性": "남성", "女子": "여자", "男子": "남자", "未婚": "미혼", "既婚": "기혼",
    "父母": "부모", "宗敎": "종교", "宗教": "종교", "障碍": "장애", "障礙": "장애", "國籍": "국적", "出身": "출신",
    "女": "여성", "男": "남성", "父": "아버지", "母": "어머니", "無": " 없음", "有": " 있음", "♀": "여성", "♂": "남성",
    "↓": " 이하", "↑": " 이상", "⬇": " 이하", "⬆": " 이상", "▼": " 이하", "▲": " 이상", "限": " 한정",
    "👨": "남성", "👩": "여성", "🧔": "남성", "👧": "여성", "👦": "남성", "🙅": " 불가", "🚫": " 불가", "⛔": " 불가",
    "🚹": "남성", "🚺": "여성", "🚻": "남녀", "❌": " 불가", "⭕": " 가능", "✅": " 가능",
}
_WORD_SIGN_RE = re.compile("|".join(sorted(map(re.escape, _WORD_SIGNS), key=len, reverse=True)))
# A sign inside a longer Hanja word ("女直員") is left to the one-character table.
_HAN_CHAR = "\u4e00-\u9fff"


_HAN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_NUMBER = re.compile(r"[一二三四五六七八九十]+(?=\s*[歲世代才세대살])")


def _han_number(m: re.Match) -> str:
    """'三十五' -> '35' (numbers up to 99, as ages are written)."""
    word, n = m.group(0), 0
    if "十" in word:
        tens, _, ones = word.partition("十")
        n = (_HAN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_HAN_DIGITS.get(ones, 0) if ones else 0)
    else:
        n = _HAN_DIGITS.get(word, 0)
    return str(n) if n else word


def _read_signs(text: str) -> str:
    text = _HAN_NUMBER.sub(_han_number, text)
    def sub(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if re.match(f"[{_HAN_CHAR}]", before) or re.match(f"[{_HAN_CHAR}]", after):
            return m.group(0)
        word = _WORD_SIGNS[m.group(0)]
        # "女직원" reads as 여직원, not 여성직원: a sign glued to a Hangul noun is its first syllable.
        if m.group(0) in ("女", "男") and re.match(r"[가-힣]", after):
            return {"女": "여", "男": "남"}[m.group(0)]
        return word
    return _WORD_SIGN_RE.sub(sub, text) if _WORD_SIGN_RE.search(text) else text


_COMPAT_JAMO = re.compile(r"([\u3131-\u318e]+)")


def nfkc(text: str) -> str:
    # Compatibility jamo ("ㅋㅋ", "ㅈㅁㅂㅎ") stay as typed: NFKC would turn them into conjoining
    # jamo that the Korean analyser reads as nouns.
    parts = _COMPAT_JAMO.split(text)
    out = "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))
    return _read_signs(out).translate(_HANJA)


def compact(text: str) -> str:
    """Lowercase NFKC text with separators removed: the form spacing tricks collapse to."""
    return _SEP_RE.sub("", nfkc(text).lower())


# Spaces only: a tab or a line break between numbers separates cells and lines ("010-5518-9021\t790521-…").
# Joined: single digits spaced apart ("2 5"), and a number spaced before an age or year unit ("19 95년생",
# "25 세"); not numbers that stand apart ("풍덕천로 112 504동": a street number and a building).
_DIGIT_GAP = re.compile(r"(?<=\d)[ \u00a0\u3000]+(?=\d*[세살대년])|(?<=(?<!\d)\d)[ \u00a0\u3000]+(?=\d(?!\d))")


_TENS = {"이십": "20", "삼십": "30", "사십": "40", "오십": "50", "육십": "60", "스물": "20", "서른": "30", "마흔": "40", "쉰": "50"}
_TENS_WORD = re.compile(r"(?<![가-힣])(이십|삼십|사십|오십|육십|스물|서른|마흔)(?=\s?(?:대|세|살))")


def korean_tens(text: str) -> str:
    """'삼십대' -> '30대', '서른 살' -> '30 살': an age written in Korean number words, two
    characters for two, so positions hold."""
    return _TENS_WORD.sub(lambda m: _TENS[m.group(1)], text)


def collapse_digit_spacing(text: str) -> str:
    """'2 5 세' -> '25세', '3 0 대' -> '30대': defeats spacing tricks around numbers."""
    prev = None
    while prev != text:
        prev, text = text, _DIGIT_GAP.sub("", text)
    return text


def is_english(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e")
    return hangul / len(letters) < 0.2


# Where a clause ends inside a line: sentence punctuation followed by a space, a comma or semicolon
# that is not inside a number ("1,000"), a middle dot between items, or a bullet glyph.
_CLAUSE_END = re.compile(r"(?<=[.!?。])\s+|(?<!\d),\s*|,(?!\d)\s*|;\s*|\s+·\s+|\s+/\s+|\s*[•◆▶※]\s*")
_BULLET_PREFIX = re.compile(r"^(\s*(?:[-*•·▶※◆○●]|\d{1,2}[.)])?\s*)")
_DANGLING = re.compile(r"^[\s,;:·/\-–—)\]」』”’]+|[\s,;:·/\-–—(\[「『“‘]+$")
_EMPTY_PAIRS = re.compile(r"\(\s*\)|\[\s*\]|「\s*」|『\s*』|“\s*”|‘\s*’|'\s*'|\"\s*\"")
_CONNECTOR_TAIL = re.compile(r"(?:\s+(?:및|그리고|또는|혹은|and|or|with))+\s*$", re.IGNORECASE)
_CONNECTOR_HEAD = re.compile(r"^(?:(?:및|그리고|또는|혹은|and|or)\s+)+", re.IGNORECASE)


def tidy_fragment(text: str) -> str:
    """What is left of a line after a removal: no empty brackets, no dangling commas or connectors."""
    prev = None
    while prev != text:
        prev = text
        text = _EMPTY_PAIRS.sub("", text)
        text = re.sub(r"[ \t]{2,}", " ", text)
        text = re.sub(r"\s+([,.;:!?)\]])", r"\1", text)
        text = re.sub(r"([,;])\s*([,;.])", r"\2", text)
        text = _DANGLING.sub("", text)
        text = _CONNECTOR_TAIL.sub("", text)
        text = _CONNECTOR_HEAD.sub("", text)
    return text.strip()


def drop_clauses(text: str, spans: list[tuple[int, int]]) -> str:
    """Remove every clause that overlaps a span, so no placeholder or fragment is left behind.

    Within a line a clause ends at sentence punctuation, a comma, a semicolon or a bullet glyph; a
    line left with no words is dropped whole (with its bullet). Headings keep their line: only the
    span itself goes, so a title or section heading is never lost.
    """
    if not spans:
        return text
    out_lines: list[str] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        local = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
        if not local:
            out_lines.append(line)
            continue
        if line.lstrip().startswith("#"):
            kept = line
            for s, e in sorted(local, reverse=True):
                kept = kept[:s] + kept[e:]
            marker = re.match(r"^\s*#+\s*", kept)
            head = marker.group(0) if marker else ""
            body = tidy_fragment(kept[len(head):])
            out_lines.append(head + body if body else "")
            continue
        prefix = _BULLET_PREFIX.match(line).group(1)  # type: ignore[union-attr]
        body_start = len(prefix)
        pieces: list[tuple[int, int, str]] = []  # (start, end, trailing separator)
        cursor = body_start
        for m in _CLAUSE_END.finditer(line, body_start):
            pieces.append((cursor, m.start(), m.group(0)))
            cursor = m.end()
        pieces.append((cursor, len(line), ""))
        kept_parts = []
        for s, e, sep in pieces:
            if any(s < le and e > ls for ls, le in local) or any(ls >= e and ls < e + len(sep) for ls, le in local):
                continue
            kept_parts.append(line[s:e] + sep)
        body = tidy_fragment("".join(kept_parts))
        if re.search(r"[\w가-힣]", body):
            out_lines.append(prefix + body)
        # else: nothing meaningful left: the line (and its bullet) goes
    result = "\n".join(out_lines)
    return re.sub(r"\n{3,}", "\n\n", result)


_SPACED_RUN = re.compile(r"(?<![\w가-힣])[\w가-힣]([ .·_\-])(?:[\w가-힣]\1)+[\w가-힣](?![\w가-힣])|(?<![가-힣])[가-힣](?:[.·_*][가-힣])+(?![가-힣])")


# Korean has many one-syllable words ("키 큰 분"), so a run of spaced syllables is joined only
# when the result spells a word the guards look for.
_GUARDED_WORDS = ("남자", "여자", "남성", "여성", "외모", "용모", "결혼", "미혼", "기혼", "나이", "연령", "임신", "출산", "장애",
                  "종교", "출신", "국적", "외국인", "체중", "무시", "프롬프트", "지시", "시스템", "주민", "번호", "이하", "미만",
                  "이상", "우대", "제외", "불가", "한정", "사절", "무관", "성별", "단정")


_SPACED_PAIRS = re.compile("(?<![가-힣])(" + "|".join(f"{w[0]}[ .·_*]{w[1]}" for w in _GUARDED_WORDS if len(w) == 2)
                           + r")(?![가-힣])|(?<=[세살대])\s*(이)[ .·]?(하|상)(?![가-힣])")


# Kiwi reads "…인 분만" ("only people who are …") as 분만 (childbirth); spell the two words apart.
_BUNMAN = re.compile(r"(?<=[인한은는신된운될])(\s*\)?\s*)분만(?=\s*(요|받|지원|뽑|채용|가능|우대|환영|$|[.,!?~]))")


_L = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_V = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_T = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_SPLIT_SYLLABLES = re.compile(f"(?:[{_L}][{_V}](?:[{_T.strip()}](?![{_V}]))?)+")


def compose_jamo(text: str) -> str:
    """'ㄴㅏㅁ자' -> '남자', 'ㄱㅣ혼' -> '기혼': syllables typed as separate letters."""
    def compose(m: re.Match) -> str:
        out, run, i = [], m.group(0), 0
        while i < len(run):
            lead, vowel = _L.index(run[i]), _V.index(run[i + 1])
            tail = 0
            if i + 2 < len(run) and run[i + 2] in _T and run[i + 2] != " " and not (
                    i + 3 < len(run) and run[i + 3] in _V):
                tail = _T.index(run[i + 2])
            out.append(chr(0xAC00 + (lead * 21 + vowel) * 28 + tail))
            i += 3 if tail else 2
        return "".join(out)
    return _SPLIT_SYLLABLES.sub(compose, text)


def join_spaced_letters(text: str, words: frozenset[str] = frozenset()) -> str:
    """'m a l e only' -> 'male only', '남 자 만' -> '남자만', '외.모.단.정' -> '외모단정': undoes a
    word broken into single letters (three or more in a row), the usual way to slip past a filter."""
    def join(m: re.Match) -> str:
        joined = re.sub(r"[ .·_*\-]", "", m.group(0))
        if re.search(r"[가-힣]", joined) and " " in m.group(0) and not any(w in joined for w in _GUARDED_WORDS) \
                and not any(w in joined for w in words):
            return m.group(0)
        return joined

    text = _BUNMAN.sub(lambda m: m.group(1) + "분 만", text)
    text = _SPACED_RUN.sub(join, text)
    return _SPACED_PAIRS.sub(lambda m: re.sub(r"[ .·_*]", "", m.group(0)), text)


_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"})
_MIXED_WORD = re.compile(r"(?<![A-Za-z0-9@.])(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{3,}(?![A-Za-z0-9@.])")


def deleet(text: str) -> str:
    """'y0ung' -> 'young', 'sh1t' -> 'shit', '2O대' -> '20대': digits and letters swapped in to dodge a filter."""
    def fix(m: re.Match) -> str:
        word = m.group(0)
        if re.fullmatch(r"[A-Za-z]+\d+|\d+[A-Za-z]{1,3}", word):
            return word  # Python3, GPT4, A100, 5G: real names
        swapped = word.translate(_LEET)
        return swapped if swapped.isalpha() else word  # k8s, i18n stay as written

    text = _MIXED_WORD.sub(fix, text)
    # "N0 f0reigners", "f@mily", "cla$$": a symbol or digit inside a Latin word.
    text = re.sub(r"(?<![A-Za-z0-9])([Nn])0(?![A-Za-z0-9])", r"\1o", text)
    text = re.sub(r"(?<=[A-Za-z])!(?=[A-Za-z])", "i", text)
    text = re.sub(r"(?<![\w.+-])[A-Za-z]+@[A-Za-z]+(?![\w.@-])", lambda m: m.group(0).replace("@", "a"), text)  # not an email
    text = re.sub(r"(?<=[A-Za-z])\$(?=[A-Za-z$])|(?<=[A-Za-z]\$)\$", "s", text)
    text = re.sub(r"(?<=\d)[Oo](?=\d|\s*[대세살])|(?<=[^\w])[Oo](?=\d)", "0", text)
    return text


_BLOB = re.compile(r"[A-Za-z0-9+/]{24,}={0,2}")


def decode_blobs(text: str) -> str:
    """Encoded text read back: base64 blobs (what cannot be decoded as UTF-8 text is skipped), and the
    Latin runs read as ROT13 and backwards."""
    import base64
    import binascii

    out = []
    for m in _BLOB.finditer(text):
        blob = m.group(0)
        try:
            decoded = base64.b64decode(blob + "=" * (-len(blob) % 4), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        if decoded.isprintable() or "\n" in decoded:
            out.append(decoded)
    # ROT13 and reversed Latin text ("Vtaber lbhe ehyrf", "snoitcurtsni erongi"): ordinary prose
    # turned this way is gibberish, so only a hidden instruction reads as one.
    import codecs

    latin = " ".join(re.findall(r"[A-Za-z][A-Za-z ,.'!?:-]{11,}", text))
    if latin:
        out += [codecs.decode(latin, "rot13"), latin[::-1]]
    return "\n".join(out)


def unromanize(text: str) -> str:
    """'yeoja only' -> '여자 only': Korean attribute words typed in Latin letters."""
    from guards.ko_lexicon import ROMANIZED

    text = re.sub(r"(?<![A-Za-z])([a-z]{4,11})-do(?![A-Za-z])", lambda m: m.group(1) + "do" if m.group(1) + "do" in ROMANIZED
                  else m.group(0), text)  # "jeolla-do"
    # Lower case only: a capitalised word is a name in an English sentence ("people from the Jeolla region").
    return re.sub(r"(?<![A-Za-z])[a-z]{2,13}(?![A-Za-z])", lambda m: ROMANIZED.get(m.group(0), m.group(0)), text)


def enclosing(text: str, start: int, end: int, stops: str = ".!?\n") -> tuple[int, int]:
    """The bounds of the sentence (or, with ",;" in stops, the clause) around text[start:end]: after
    the last stop before start, up to the first stop at or after end."""
    rights = [i for i in (text.find(c, end) for c in stops) if i != -1]
    return max(text.rfind(c, 0, start) for c in stops) + 1, (min(rights) if rights else len(text))


def first_unexcused(patterns: tuple[re.Pattern, ...], text: str, excused: Callable[[re.Match, str], bool],
                    stops: str = ".!?\n") -> re.Match | None:
    """The first match of any pattern that its sentence (or, with ",;" in stops, its clause) does not
    excuse: excused(match, span around it)."""
    for rx in patterns:
        for m in rx.finditer(text):
            if not excused(m, text[slice(*enclosing(text, m.start(), m.end(), stops))]):
                return m
    return None


def through_next_sentence(text: str, pos: int) -> str:
    """The text from pos to the end of the sentence after the one pos is in."""
    ends = [m.end() for m in re.finditer(r"[.!?\n]", text[pos:])]
    return text[pos:pos + ends[1]] if len(ends) > 1 else text[pos:]
