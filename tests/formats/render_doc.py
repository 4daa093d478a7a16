"""Word 97 (.doc) files for tests: a .docx saved again as .doc by LibreOffice, the way
agencies' old Word files were written."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from gongkai.ingest.oldword import soffice


def docx_to_doc(docx: Path, doc: Path) -> Path:
    """Save ``docx`` as Word 97 at ``doc``. Raises RuntimeError without LibreOffice."""
    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="gongkai-test-doc-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "doc:MS Word 97",
                "--outdir",
                str(work),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=120,
            env={"HOME": str(work), "PATH": "/usr/bin:/bin"},
        )
        doc.write_bytes((work / (docx.stem + ".doc")).read_bytes())
    return doc
