"""Old Word (.doc, Word 97–2003) and WPS (.wps) files: converted to .docx by LibreOffice.

Both are OLE2 compound files holding a ``WordDocument`` stream. Command-line .doc tools
(antiword, catdoc) lose or garble table rows; LibreOffice converts tables faithfully,
so the converted .docx goes through the Word adapter like any other.

LibreOffice is run headless with a private, throw-away profile (so conversions never
share or lock the user's profile and may run side by side), in a session of its own,
under a time limit: when the limit passes the whole process group is killed. This is
the one place that starts LibreOffice (tests patch ``SOFFICE_NAMES`` or ``TIMEOUT``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gongkai.errors import UnreadableFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The name of the stream that holds a Word document's text, as the OLE directory
# stores it (UTF-16LE); .xls has "Workbook", .ppt "PowerPoint Document".
_WORD_STREAM = "WordDocument".encode("utf-16-le")
SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT = 90.0  # seconds for one conversion, start-up included (a start takes ~3 s)
INSTALL_HINT = "请安装 LibreOffice（Debian 软件包 libreoffice-writer-nogui）"


def is_ole(data: bytes) -> bool:
    """An OLE2 compound file: .doc, .wps, but also .xls, .ppt, .msg."""
    return data.startswith(OLE_MAGIC)


def is_word_binary(data: bytes) -> bool:
    """An OLE2 file with a Word document stream (.doc, or a .wps of WPS Office)."""
    return is_ole(data) and _WORD_STREAM in data


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for program in SOFFICE_NAMES:
        found = shutil.which(program)
        if found:
            return found
    return None


def doc_to_docx(data: bytes, name: str, *, timeout: float | None = None) -> bytes:
    """The .docx that LibreOffice makes of an old Word or WPS file.

    Raises UnreadableFile when the file is not a Word document, when LibreOffice is not
    installed, when it cannot convert the file (damaged, encrypted), or when it takes
    longer than ``timeout`` seconds (default ``TIMEOUT``).
    """
    if not is_word_binary(data):
        raise UnreadableFile(
            name, "这是 Office 复合文档，但不是 Word 文档（可能是 Excel 或 PowerPoint 文件）"
        )
    program = soffice()
    if program is None:
        raise UnreadableFile(
            name, f"读取旧版 Word（.doc）或 WPS（.wps）文件需要 LibreOffice：{INSTALL_HINT}"
        )
    with tempfile.TemporaryDirectory(prefix="gongkai-doc-") as tmp:
        work = Path(tmp)
        source = work / "report.doc"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _run(command, name, TIMEOUT if timeout is None else timeout, work)
        converted = work / "out" / "report.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise UnreadableFile(
                name, "旧版 Word（.doc/.wps）文件已损坏或加密，LibreOffice 无法打开转换"
            )
        return converted.read_bytes()


def _run(command: list[str], name: str, timeout: float, cwd: Path) -> None:
    """Run LibreOffice in a session of its own; kill the whole group on timeout and
    whatever it left running after it returns."""
    env = {**os.environ, "HOME": str(cwd), "SAL_USE_VCLPLUGIN": "svp"}
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise UnreadableFile(
            name, f"无法启动 LibreOffice（{exc.strerror}）：{INSTALL_HINT}"
        ) from None
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise UnreadableFile(
            name, f"LibreOffice 转换超过 {timeout:g} 秒仍未完成，已终止：文件可能已损坏"
        ) from None
    finally:
        _kill_group(process)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
