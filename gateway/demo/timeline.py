"""The fixed moment demo data is dated from, so a seed always writes the same rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

# The start of the 2026-2027 academic year: postings, enrolments and
# profile dates all lie before it, whatever day the seed runs.
REFERENCE_DATE = date(2026, 9, 1)
REFERENCE_TIME = datetime(2026, 9, 1, tzinfo=UTC)
