"""Partner feed connectors (applicant-tracking systems, job feeds)."""
