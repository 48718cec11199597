"""Editions of the notebooks in other languages, made from the one English source.

An edition is the English source notebook with some cells' sources replaced by their translation
(``assignments/<lang>/<assignment>.toml``, by cell id).  A translated code cell must be the same program:
only its strings and comments may differ (``code_identity``), so the graders, the hidden tests and the
signatures are the same in every edition.  ``glossary`` holds each language's chosen words; ``check``
is what a translator runs on a translation file.
"""
