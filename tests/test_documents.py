"""Reading uploaded company documents: every file here is built at test time, none is committed."""
from __future__ import annotations

import io
import unicodedata
import zipfile

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from onboarding.documents import SUPPORTED, DocumentError, ExtractedDocument, guess_kind, read_document


# --- builders ----------------------------------------------------------------------------------------------------

def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(lines: list[str] | None, *, title: str | None = None) -> bytes:
    """A minimal valid one-page PDF. lines=None draws only a filled rectangle: a page with no text layer, like a scan."""
    if lines is None:
        stream = "0.2 0.4 0.8 rg 72 500 300 200 re f"
        resources = "<< >>"
    else:
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            ops += [f"{_pdf_string(line)} Tj", "T*"]
        stream = "\n".join([*ops, "ET"])
        resources = "<< /Font << /F1 5 0 R >> >>"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources {resources} /Contents 4 0 R >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Title {_pdf_string(title or '')} /Producer (jobpost tests) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    info = f" /Info {len(objects)} 0 R" if title else ""
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypt_pdf(content: bytes, *, user_password: str, owner_password: str = "owner-secret") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(*, title: str | None = "ACME 회사 소개") -> bytes:
    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.add_heading("우리 회사를 소개합니다", level=1)
    document.add_paragraph("에이크미는 물류 데이터를 다루는 스타트업입니다.")
    document.add_paragraph("재택근무와 유연근무를 함께 운영합니다.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "복리후생"
    table.cell(0, 1).text = "점심 식대 지원"
    table.cell(1, 0).text = "근무지"
    table.cell(1, 1).text = "서울 성수동"
    document.add_paragraph("함께 성장할 동료를 기다립니다.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


HTML_PAGE = """<!doctype html>
<html lang="ko"><head>
<meta charset="utf-8">
<title>ACME 채용 | 회사 소개</title>
<style>body { color: red; }</style>
<script>var trackingSecret = "do-not-leak"; console.log("tracker");</script>
</head>
<body>
<nav><a href="/">홈</a> <a href="/jobs">메뉴항목</a></nav>
<h1>에이크미</h1>
<p>우리는   물류 데이터를
   다루는 팀입니다 &amp; 성장 중입니다.</p>
<h2>복지</h2>
<ul><li>재택근무</li><li>점심 식대</li></ul>
<table><tr><th>근무지</th><td>서울</td></tr></table>
<script>alert("boo")</script>
</body></html>
"""


def _error(filename: str, content: bytes, **kwargs) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_document(filename, content, **kwargs)
    return info.value


# --- formats -----------------------------------------------------------------------------------------------------

def test_supported_extensions():
    assert SUPPORTED == (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


def test_docx_with_korean_heading_list_and_table():
    doc = read_document("회사소개.docx", make_docx())
    assert isinstance(doc, ExtractedDocument)
    assert doc.format == "docx" and doc.pages is None and doc.kind == "intro"
    assert doc.title == "ACME 회사 소개"
    lines = doc.text.split("\n")
    assert "우리 회사를 소개합니다" in lines
    assert "에이크미는 물류 데이터를 다루는 스타트업입니다." in lines
    assert "- 재택근무와 유연근무를 함께 운영합니다." in lines
    assert "복리후생 | 점심 식대 지원" in lines and "근무지 | 서울 성수동" in lines
    assert doc.text.index("우리 회사를") < doc.text.index("복리후생") < doc.text.index("함께 성장할")  # document order
    assert doc.chars == len(doc.text)


def test_docx_title_falls_back_to_file_name():
    doc = read_document("2025 채용 안내.docx", make_docx(title=None))
    assert doc.title == "2025 채용 안내"


def test_html_drops_script_style_and_nav_and_keeps_structure():
    doc = read_document("about.html", HTML_PAGE.encode("utf-8"))
    assert doc.format == "html" and doc.title == "ACME 채용 | 회사 소개"
    for hidden in ("trackingSecret", "do-not-leak", "tracker", "alert", "boo", "color: red", "메뉴항목"):
        assert hidden not in doc.text
    lines = doc.text.split("\n")
    assert "에이크미" in lines and "복지" in lines
    assert "우리는 물류 데이터를 다루는 팀입니다 & 성장 중입니다." in lines
    assert "- 재택근무" in lines and "- 점심 식대" in lines
    assert "근무지 | 서울" in lines
    assert "복지\n\n- 재택근무\n- 점심 식대\n\n근무지 | 서울" in doc.text  # a list stays together, blocks stand apart
    assert "\n\n\n" not in doc.text


def test_html_in_euc_kr_with_meta_charset_and_h1_title():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"></head><body><h1>회사 소개</h1><p>똠방각하 환영</p></body></html>'
    doc = read_document("intro.htm", page.encode("cp949"))
    assert doc.title == "회사 소개" and "똠방각하 환영" in doc.text and doc.format == "html"


def test_markdown_utf8_title_and_whitespace():
    md = "# 에이크미 소개   \n\n우리는 작은 팀입니다.   \n\n\n\n\n## 복지\n\n- 재택근무\t\n"
    doc = read_document("intro.md", md.encode("utf-8"))
    assert doc.format == "md" and doc.title == "에이크미 소개"
    assert doc.text == "# 에이크미 소개\n\n우리는 작은 팀입니다.\n\n## 복지\n\n- 재택근무"


def test_markdown_with_bom_and_nfd_korean_is_nfc():
    nfd = unicodedata.normalize("NFD", "한글 문서입니다")
    doc = read_document(unicodedata.normalize("NFD", "맥에서 만든 파일.md"), b"\xef\xbb\xbf" + nfd.encode("utf-8"))
    assert doc.text == "한글 문서입니다" and unicodedata.is_normalized("NFC", doc.text)
    assert doc.title == "맥에서 만든 파일"


def test_cp949_text_file():
    text = "안녕하세요. 에이크미입니다.\r\n똠방각하 뷁 - 윈도우 메모장에서 저장했습니다.\r\n"
    doc = read_document("소개.txt", text.encode("cp949"))
    assert doc.format == "txt" and doc.title == "소개"
    assert doc.text == "안녕하세요. 에이크미입니다.\n똠방각하 뷁 - 윈도우 메모장에서 저장했습니다."


def test_text_pdf():
    content = make_pdf(["ACME Logistics builds data tools.", "We hire engineers (Seoul)."], title="ACME Company Profile")
    doc = read_document("profile.pdf", content)
    assert doc.format == "pdf" and doc.pages == 1 and doc.title == "ACME Company Profile"
    assert "ACME Logistics builds data tools." in doc.text and "We hire engineers (Seoul)." in doc.text


def test_pdf_title_falls_back_to_file_name():
    doc = read_document("brochure_2025.pdf", make_pdf(["Hello from ACME"]))
    assert doc.title == "brochure_2025"


def test_pdf_without_text_layer_is_empty_document():
    err = _error("scan.pdf", make_pdf(None))
    assert (err.status, err.code) == (422, "empty_document")
    assert "텍스트 레이어" in err.message and "scanned" in err.message


def test_encrypted_pdf_is_refused_as_password_protected():
    err = _error("locked.pdf", encrypt_pdf(make_pdf(["Secret plan"]), user_password="secret"))
    assert (err.status, err.code) == (422, "unreadable_document")
    assert "암호" in err.message and "password protected" in err.message


def test_pdf_with_only_an_owner_password_is_read():
    doc = read_document("restricted.pdf", encrypt_pdf(make_pdf(["Printing is restricted"]), user_password=""))
    assert "Printing is restricted" in doc.text


def test_extension_missing_uses_content_type():
    doc = read_document("upload", make_pdf(["No extension here"]), content_type="application/pdf")
    assert doc.format == "pdf" and doc.title == "upload"


# --- refusals ----------------------------------------------------------------------------------------------------

def test_unsupported_extension_is_415():
    err = _error("급여대장.xlsx", b"PK\x03\x04whatever")
    assert (err.status, err.code) == (415, "unsupported_document")
    assert "지원하지 않는 파일 형식입니다: .xlsx" in err.message and ".docx" in err.message
    assert _error("noext", b"hello").status == 415


def test_pdf_extension_with_plain_text_bytes_is_422():
    err = _error("fake.pdf", "이건 PDF가 아닙니다".encode())
    assert (err.status, err.code) == (422, "unreadable_document")


def test_truncated_pdf_is_422_not_a_library_error():
    content = make_pdf(["Half a file"])
    err = _error("broken.pdf", content[: len(content) // 3])
    assert err.status == 422


def test_docx_extension_with_non_zip_bytes_is_422():
    err = _error("intro.docx", b"just some text, not a zip")
    assert (err.status, err.code) == (422, "unreadable_document")
    legacy = _error("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert legacy.status == 422 and ".doc" in legacy.message


def test_zip_that_is_not_word_is_422():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    err = _error("sheet.docx", out.getvalue())
    assert err.status == 422


def test_docx_zip_bomb_is_refused_before_parsing():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("word/media/padding.bin", "w") as entry:  # 160 MB of zeros, about 160 KB compressed
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(160):
                entry.write(chunk)
    content = out.getvalue()
    assert len(content) < 1024 * 1024
    err = _error("bomb.docx", content)
    assert err.status in (413, 422) and err.code == "document_too_large"


def test_text_extension_with_pdf_bytes_is_422():
    err = _error("notes.txt", make_pdf(["x"]))
    assert err.status == 422 and "확장자" in err.message


def test_binary_text_file_is_422():
    err = _error("data.txt", bytes(range(256)) * 4)
    assert (err.status, err.code) == (422, "unreadable_document")


def test_too_large_is_413_before_parsing():
    err = _error("big.pdf", b"%PDF-" + b"x" * 2000, max_bytes=1000)
    assert (err.status, err.code) == (413, "document_too_large")
    assert "최대 크기" in err.message


def test_text_over_max_chars_is_413_not_truncated():
    err = _error("long.txt", ("가나다라 " * 100).encode("utf-8"), max_chars=100)
    assert (err.status, err.code) == (413, "document_too_long")
    assert "100자" in err.message


def test_empty_files_are_422_empty_document():
    assert (_error("empty.txt", b"").status, _error("empty.txt", b"").code) == (422, "empty_document")
    assert _error("blank.md", b" \n\n \r\n").code == "empty_document"
    assert _error("blank.html", b"<html><body><script>x()</script></body></html>").code == "empty_document"


# --- kind hint ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("filename,title,kind", [
    ("회사소개.pdf", "", "intro"),
    ("2025 로드맵(대외비).docx", "", "internal"),
    ("notes.md", "Internal memo: Q3 plans", "internal"),
    ("CONFIDENTIAL_pricing.pdf", "", "internal"),
    ("memory_chip_team.txt", "", "intro"),
    ("메모리 반도체 회사 소개.pdf", "", "intro"),
    ("채용 안내.html", "내부 공유용", "internal"),
])
def test_guess_kind(filename, title, kind):
    assert guess_kind(filename, title) == kind


def test_kind_comes_from_file_name():
    assert read_document("사내 메모.txt", "다음 분기 계획".encode()).kind == "internal"
