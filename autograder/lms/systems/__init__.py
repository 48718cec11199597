"""One module per learning-management system, each holding an ``LMS`` record (``lms/plugin.py``); the registry
finds every module here, so adding an LMS is adding its module (and its tests)."""
