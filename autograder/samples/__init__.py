"""Sample work for the demo and the kit's tests: each assignment's typical mistakes and the students who make them.

``records`` says what a mistakes file declares; ``mistakes/<assignment>.py`` (named in the assignment's catalogue
entry, loaded by path like its grader) holds the mistakes, which its grader proof must reject, and the students
of its sample class, who hand them in.
"""
