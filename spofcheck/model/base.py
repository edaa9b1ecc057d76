"""Immutable records shared by every stage: severities, locations, input errors."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    """Base for immutable records that cross a pipeline stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {
    Severity.INFO: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
}


class Location(Frozen):
    """Where something was written: a path relative to the scanned root and 1-based lines."""

    file: str
    line: int = Field(default=1, ge=1)
    end_line: int | None = None


class ParseError(Frozen):
    """An input problem: located, one line, never fatal for the rest of the scan."""

    file: str
    line: int | None = None
    message: str
    key: str | None = None

    def one_line(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}".replace("\n", " ")
