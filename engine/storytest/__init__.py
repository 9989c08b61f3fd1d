"""Story tests: scripted walkthroughs with state checks, and the exhaustive quicktest."""

from engine.storytest.quicktest import QuickReport, quicktest
from engine.storytest.runner import TestResult, check, load_tests, run_test

__all__ = ["QuickReport", "TestResult", "check", "load_tests", "quicktest", "run_test"]
