"""The audit log of contact data, for platform administrators."""
