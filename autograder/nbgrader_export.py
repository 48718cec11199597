"""``nbgrader export --exporter autograder.nbgrader_export.CanvasExport`` (and ``MoodleExport``, ``BlackboardExport``,
``BrightspaceExport``, ``CsvExport``): the names instructors' commands use.  The code lives in
``autograder/nbgrader/export.py``."""
from autograder.nbgrader.export import *  # noqa: F401,F403 - one plugin class per registered LMS
from autograder.nbgrader.export import PLUGINS, LmsExport, plugin_name, result_of  # noqa: F401

__all__ = ["LmsExport", "PLUGINS", "plugin_name", "result_of", *(cls.__name__ for cls in PLUGINS.values())]
