"""Enrollment imports and graduations, for universities."""

from schema.enrollment.operations import EnrollmentMutation, EnrollmentQuery

__all__ = ["EnrollmentMutation", "EnrollmentQuery"]
