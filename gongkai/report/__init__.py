"""The report value: agency, year, template, cells with provenance, warnings."""

from gongkai.report.model import CellValue, Provenance, Report, ReportWarning

__all__ = ["CellValue", "Provenance", "Report", "ReportWarning"]
