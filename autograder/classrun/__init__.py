"""Grading a class: find the submissions (``intake``), grade them in parallel and keep every result
(``schedule``), then file each under its student (``identity``) with the late policy applied (``late``)."""
