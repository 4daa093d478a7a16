"""The report value: agency, year, template, cells with provenance, warnings."""

from gongkai.report.model import CellEntry, CellValue, Provenance, Report, ReportWarning

__all__ = ["CellEntry", "CellValue", "Provenance", "Report", "ReportWarning"]
