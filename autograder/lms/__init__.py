"""What comes from, and goes back to, a learning-management system: rosters, submission downloads and the
gradebook files its import reads.

* ``systems/``: one module per LMS (Canvas, Moodle, Blackboard, Brightspace, and the plain per-problem CSV), each
  holding its roster reader, its download-zip rule, its exporter and its options as one ``Lms`` record
  (``plugin.py``), citing the LMS's own rules; ``registry.py`` finds them and reads a roster by asking each.
* Shared by them: ``roster.py`` (the roster and its entries), ``columns.py`` (which roster column an assignment
  goes into), ``filing.py`` (which result goes on which row), ``gradebook_file.py`` (the file written).
* Used by the rest of the kit: ``downloads.py`` (a download zip's submissions), ``matching.py`` (each submission's
  rostered student), ``export.py`` (results to an LMS's upload file).
"""
