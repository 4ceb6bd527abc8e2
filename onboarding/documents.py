"""Turns an uploaded company document (.txt, .md, .pdf, .docx, .html) into plain text, or a DocumentError saying why not."""
from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from html.parser import HTMLParser

from pydantic import BaseModel

SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")

# A .docx is a zip: its entries together may not unpack to more than this, nor hold more entries (zip-bomb guard).
MAX_DOCX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_DOCX_ENTRIES = 5_000

# Used only when the file name has no extension; browsers often send application/octet-stream, so an extension wins.
_CONTENT_TYPES = {
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_FORMATS = {".txt": "txt", ".md": "md", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}
_SUPPORTED_LIST = ", ".join(ext for ext in SUPPORTED if ext != ".htm")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, and password-protected Office files
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class DocumentError(Exception):
    """Why a document could not be read. status: 415 unsupported type, 413 too large/long, 422 unreadable or empty.
    code: a stable machine-readable name; message: Korean with a short English gloss, safe to show to the user."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class ExtractedDocument(BaseModel):
    title: str
    kind: str  # "intro" or "internal": a hint from the file name/title only, see guess_kind
    text: str
    pages: int | None  # PDF page count; None for other formats
    chars: int
    format: str  # "txt", "md", "pdf", "docx" or "html"


def read_document(filename: str, content: bytes, *, max_bytes: int = 10 * 1024 * 1024, max_chars: int = 500_000,
                  content_type: str | None = None) -> ExtractedDocument:
    """The document's plain text and title. Raises DocumentError only: no library exception escapes.
    content_type names the type only when the file name has no extension; its charset, if any, is a decoding hint."""
    name = unicodedata.normalize("NFC", (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip())
    stem, ext = _split_name(name)
    if not ext and content_type:
        ext = _CONTENT_TYPES.get(content_type.split(";", 1)[0].strip().lower(), "")
    if ext not in SUPPORTED:
        shown = ext or "(확장자 없음)"
        raise DocumentError(415, "unsupported_document", f"지원하지 않는 파일 형식입니다: {shown} (supported: {_SUPPORTED_LIST})")
    if len(content) > max_bytes:
        raise DocumentError(413, "document_too_large",
                            # The upload route reads at most max_bytes + 1: the size itself is not known.
                            f"파일이 최대 크기 {_size(max_bytes)}를 넘습니다 (file larger than {_size(max_bytes)}).")
    if not content.strip():
        raise DocumentError(422, "empty_document", "빈 파일입니다 (the file is empty).")

    fmt = _FORMATS[ext]
    charset = _charset_param(content_type)
    try:
        if fmt == "pdf":
            raw, doc_title, pages = _read_pdf(content, max_chars)
        elif fmt == "docx":
            raw, doc_title, pages = _read_docx(content)
        elif fmt == "html":
            raw, doc_title, pages = _read_html(content, charset)
        else:
            raw, pages = _decode_text(content, ext, charset), None
            doc_title = _markdown_title(raw) if fmt == "md" else ""
    except DocumentError:
        raise
    except Exception as exc:  # a parser's own error on a corrupt file: never let it escape
        raise DocumentError(422, "unreadable_document",
                            f"파일을 읽을 수 없습니다. 손상되었거나 형식이 올바르지 않습니다: {ext} (unreadable or corrupt file: {type(exc).__name__})") from exc

    text = normalize_text(raw)
    if not text:
        if fmt == "pdf":
            raise DocumentError(422, "empty_document",
                                "PDF에서 텍스트를 찾지 못했습니다. 스캔한 이미지 PDF처럼 텍스트 레이어가 없는 파일은 읽을 수 없습니다 — "
                                "텍스트가 있는 PDF나 DOCX로 올려 주세요 (no text layer: scanned PDFs need OCR first).")
        raise DocumentError(422, "empty_document", f"문서에서 텍스트를 찾지 못했습니다: {name} (no text found in the document).")
    if len(text) > max_chars:
        raise _too_long(len(text), max_chars)

    title = _clean_title(doc_title) or stem or name or "문서"
    return ExtractedDocument(title=title, kind=guess_kind(name, title), text=text, pages=pages, chars=len(text), format=fmt)


# --- kind hint ---------------------------------------------------------------------------------------------------

# Words in a file name or title that suggest material not meant for publication. A hint for the reviewer's default
# choice only: it never decides what may be published, and it reads nothing but the name and title.
_INTERNAL = re.compile(r"내부|대외비|기밀|비공개|로드맵|메모(?!리)|(?<![a-z])(?:internal|confidential|roadmaps?|memos?)(?![a-z])", re.IGNORECASE)


def guess_kind(filename: str, title: str = "") -> str:
    """'internal' when the name or title looks like internal material (내부, 대외비, confidential, roadmap, memo …), else 'intro'."""
    hay = unicodedata.normalize("NFC", f"{filename}\n{title}")
    return "internal" if _INTERNAL.search(hay) else "intro"


# --- shared helpers ----------------------------------------------------------------------------------------------

_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def normalize_text(text: str) -> str:
    """NFC (decomposed Hangul from macOS becomes syllables), unified newlines, no trailing spaces, at most one blank line."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _INVISIBLE.sub("", _CONTROL.sub("", text))
    text = _ODD_SPACES.sub(" ", text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n").strip()


def _split_name(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if not dot:
        return name, ""
    return stem.strip(), f".{ext.strip().lower()}"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f}MB"
    if n >= 1024:
        return f"{n / 1024:.0f}KB"
    return f"{n}B"


def _too_long(chars: int, max_chars: int) -> DocumentError:
    return DocumentError(413, "document_too_long",
                         f"문서의 텍스트가 너무 깁니다: {chars:,}자 (최대 {max_chars:,}자). 문서를 나누어 올려 주세요 "
                         f"(document text too long; split it into smaller files).")


_JUNK_TITLES = {"untitled", "제목 없음", "제목없음", "문서", "document", "microsoft word", "none", "title"}


def _clean_title(title: str | None) -> str:
    if not title:
        return ""
    title = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(title))).strip()
    title = re.sub(r"^microsoft (?:word|powerpoint) - ", "", title, flags=re.IGNORECASE).strip()
    if title.lower() in _JUNK_TITLES or len(title) > 200:
        return ""
    return title


def _charset_param(content_type: str | None) -> str | None:
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return m.group(1) if m else None


def _codec(label: str | None) -> str | None:
    """A Python codec name for a declared charset; EUC-KR becomes CP949, its superset that Korean Windows writes."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp949" if name == "euc_kr" else name


def _sniff(content: bytes) -> str | None:
    head = content[:1024]
    if b"%PDF-" in head:
        return "PDF"
    if content.startswith(_ZIP_MAGIC):
        return "ZIP (DOCX/XLSX 등)"
    if content.startswith(_OLE_MAGIC):
        return "Office 97-2003 (.doc/.xls 등)"
    return None


def _decode(content: bytes, declared: str | None) -> str | None:
    """BOM, then strict UTF-8, then the declared charset, then CP949/EUC-KR (Korean Windows); None when none fits."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            try:
                return content.decode(codec)
            except UnicodeDecodeError:
                return None
    if b"\x00" in content:  # binary, or UTF-16 without a BOM
        return None
    for codec in dict.fromkeys(c for c in ("utf-8", _codec(declared), "cp949") if c):
        try:
            return content.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _decode_text(content: bytes, ext: str, declared: str | None) -> str:
    sniffed = _sniff(content)
    if sniffed:
        raise DocumentError(422, "unreadable_document",
                            f"파일 내용이 확장자({ext})와 맞지 않습니다: {sniffed} 파일로 보입니다 (file content does not match its extension).")
    text = _decode(content, declared)
    if text is None:
        raise DocumentError(422, "unreadable_document",
                            f"텍스트 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장해 주세요: {ext} "
                            f"(unknown text encoding; save as UTF-8)")
    controls = len(_CONTROL.findall(text[:10_000]))
    if controls > max(8, len(text[:10_000]) // 100) or _looks_misdecoded(text[:10_000]):
        raise DocumentError(422, "unreadable_document", f"텍스트 파일이 아닌 것 같습니다: {ext} (file looks binary, not text).")
    return text


def _looks_misdecoded(text: str) -> bool:
    """Bytes read as UTF-16 by a stray BOM come out as unassigned code points and Hanja-like noise:
    a Korean or English document is never mostly that."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return False
    odd = sum(1 for ch in visible if unicodedata.category(ch) in ("Cn", "Co", "Cs") or "\u4e00" <= ch <= "\u9fff")
    return odd / len(visible) > 0.3


# --- plain text / markdown ---------------------------------------------------------------------------------------

_MD_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def _markdown_title(text: str) -> str:
    """The first ATX (# Title) or setext (Title / =====) heading, skipping fenced code."""
    lines = text.replace("\r\n", "\n").split("\n")
    fenced = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        m = _MD_ATX.match(line)
        if m:
            return m.group(1).strip()
        if line.strip() and i + 1 < len(lines) and _MD_SETEXT.match(lines[i + 1]) and lines[i + 1].strip()[0] == "=":
            return line.strip()
    return ""


# --- PDF ---------------------------------------------------------------------------------------------------------

def _read_pdf(content: bytes, max_chars: int) -> tuple[str, str, int]:
    from pypdf import PasswordType, PdfReader

    if b"%PDF-" not in content[:1024]:
        raise DocumentError(422, "unreadable_document", "PDF 파일이 아닙니다: 파일 내용이 PDF 형식이 아닙니다 (not a valid PDF file).")
    encrypted = DocumentError(422, "unreadable_document",
                              "암호로 보호된 PDF는 읽을 수 없습니다. 암호를 해제한 뒤 다시 올려 주세요 (the PDF is password protected).")
    reader = PdfReader(io.BytesIO(content), strict=False)
    if reader.is_encrypted:
        try:  # an owner-password-only PDF opens with the empty user password
            if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise encrypted
        except DocumentError:
            raise
        except Exception as exc:  # e.g. AES without a crypto backend
            raise encrypted from exc

    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # a malformed info dictionary only costs the title
        title = None
    parts: list[str] = []
    total = 0
    n_pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        try:
            page_text = page.extract_text() or ""
        except Exception as exc:
            raise DocumentError(422, "unreadable_document",
                                f"PDF {number}쪽의 텍스트를 읽을 수 없습니다 (could not extract text from page {number}).") from exc
        parts.append(page_text)
        total += len(page_text)
        # Work guard only: whitespace normalisation cannot bring this much text back under the limit in practice.
        if total > 4 * max_chars + 10_000:
            raise _too_long(total, max_chars)
    return "\n\n".join(parts), title or "", n_pages


# --- DOCX --------------------------------------------------------------------------------------------------------

def _read_docx(content: bytes) -> tuple[str, str, None]:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if content.startswith(_OLE_MAGIC):
        if _OLE_ENCRYPTED in content:
            raise DocumentError(422, "unreadable_document",
                                "암호로 보호된 Word 문서는 읽을 수 없습니다. 암호를 해제한 뒤 다시 올려 주세요 (the document is password protected).")
        raise DocumentError(422, "unreadable_document",
                            "구 형식 Word(.doc) 파일입니다. Word에서 .docx로 저장한 뒤 다시 올려 주세요 (legacy .doc file; save as .docx).")
    if not content.startswith(_ZIP_MAGIC):
        raise DocumentError(422, "unreadable_document", "DOCX 파일이 아닙니다: 파일 내용이 올바른 .docx 형식이 아닙니다 (not a valid .docx file).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise DocumentError(422, "unreadable_document", "DOCX 파일이 손상되었습니다 (corrupt .docx: bad zip archive).") from exc
    # zipfile never inflates an entry past its declared size (and fails on a mismatch), so the declared sizes bound the work.
    if any(i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for i in infos):  # Word writes only these two
        raise DocumentError(422, "unreadable_document", "DOCX 파일의 압축 방식이 올바르지 않습니다 (unsupported compression in .docx).")
    unzipped = sum(i.file_size for i in infos)
    if len(infos) > MAX_DOCX_ENTRIES or unzipped > MAX_DOCX_UNZIPPED_BYTES:
        raise DocumentError(413, "document_too_large",
                            f"DOCX 압축을 푼 크기가 너무 큽니다: {_size(unzipped)}, 항목 {len(infos):,}개 (최대 {_size(MAX_DOCX_UNZIPPED_BYTES)}) "
                            f"(uncompressed .docx too large; possible zip bomb).")
    if "word/document.xml" not in names:
        raise DocumentError(422, "unreadable_document", "Word 문서가 아닙니다: .docx 안에 본문이 없습니다 (not a Word document).")

    document = docx.Document(io.BytesIO(content))
    txbx, fallback = qn("w:txbxContent"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

    def paragraph_lines(p: Paragraph) -> list[str]:
        text = p.text
        style = (p.style.name or "") if p.style is not None else ""
        p_pr = p._p.pPr
        if text.strip() and (p_pr is not None and p_pr.numPr is not None or style.startswith("List")):
            text = f"- {text.strip()}"
        elif text.strip() and (style.startswith("Heading") or style == "Title"):
            text = f"\n{text}"
        lines = [text]
        # Text boxes live inside runs, which Paragraph.text skips; the VML fallback copy of a text box is skipped too.
        for box in p._p.iter(txbx):
            if any(a.tag == fallback for a in box.iterancestors()):
                continue
            lines.extend("".join(t.text or "" for t in bp.iter(qn("w:t"))) for bp in box.iter(qn("w:p")))
        return lines

    def table_lines(table: Table) -> list[str]:
        lines: list[str] = []
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                    continue
                seen.add(id(cell._tc))
                cell_lines = block_lines(cell.iter_inner_content())
                cells.append(" ".join(line.strip() for line in cell_lines if line.strip()))
            if any(cells):
                lines.append(" | ".join(cells))
        return [*lines, ""]

    def block_lines(blocks: Iterable[Paragraph | Table]) -> list[str]:
        lines: list[str] = []
        for block in blocks:
            lines.extend(paragraph_lines(block) if isinstance(block, Paragraph) else table_lines(block))
        return lines

    text = "\n".join(block_lines(document.iter_inner_content()))
    title = document.core_properties.title or ""
    if not _clean_title(title):
        title = next((p.text for p in document.paragraphs if p.style is not None and p.style.name == "Title" and p.text.strip()), "")
    return text, title, None


# --- HTML --------------------------------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "nav", "noscript", "template", "svg", "iframe", "object", "canvas", "head"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre", "table", "thead",
               "tbody", "tfoot", "tr", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "address", "hr", "br", "form",
               "fieldset", "details", "summary", "caption", "body", "html"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Blocks that stand apart with a blank line; other block tags (div, li, tr, br …) only start a new line.
_PARAGRAPH_TAGS = {"p", "section", "article", "main", "blockquote", "pre", "table", "ul", "ol", "dl", "figure", "hr", "address"}
_BREAK = "\n\x01\n"  # a blank line in the output; every other empty line is dropped
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


class _HtmlText(HTMLParser):
    """Visible text with headings, paragraphs, list items and table rows on their own lines; scripts, styles and nav dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0
        self.title = ""
        self.h1 = ""
        self._in_title = False
        self._in_h1 = False
        self._cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag == "body":  # a <head> left open must not hide the page
            self.skip = 0
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag == "pre":
            self.pre += 1
        if tag in _HEADING_TAGS:
            self.out.append(_BREAK)
            self._in_h1 = tag == "h1" and not self.h1
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "tr":
            self.out.append("\n")
            self._cells = 0
        elif tag in ("td", "th"):
            if self._cells:
                self.out.append(" | ")
            self._cells += 1
        elif tag in _BLOCK_TAGS:
            self.out.append(_BREAK if tag in _PARAGRAPH_TAGS else "\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and not self.skip:
                self.out.append(f" {alt} ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:  # <svg/> and friends open and close at once
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _HEADING_TAGS:
            self._in_h1 = False
            self.out.append(_BREAK)
        elif tag in _BLOCK_TAGS or tag == "li":
            self.out.append(_BREAK if tag in _PARAGRAPH_TAGS else "\n")

    def handle_data(self, data: str) -> None:
        if self._in_title and not self.title:
            self.title = " ".join(data.split())
        if self.skip:
            return
        if self._in_h1:
            self.h1 = f"{self.h1} {' '.join(data.split())}".strip()
        self.out.append(data if self.pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self.out).split("\n"))
        return "\n".join("" if line == "\x01" else line for line in lines if line)


def _read_html(content: bytes, declared: str | None) -> tuple[str, str, None]:
    sniffed = _sniff(content)
    if sniffed:
        raise DocumentError(422, "unreadable_document",
                            f"파일 내용이 HTML이 아닙니다: {sniffed} 파일로 보입니다 (file content does not match its extension).")
    meta = _META_CHARSET.search(content[:4096])
    markup = _decode(content, declared or (meta.group(1).decode("ascii", "ignore") if meta else None))
    if markup is None:
        raise DocumentError(422, "unreadable_document",
                            "HTML의 문자 인코딩을 알 수 없습니다. UTF-8로 저장해 주세요 (unknown HTML encoding; save as UTF-8).")
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    return parser.text(), parser.title or parser.h1, None
