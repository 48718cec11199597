"""What a grading run leaves behind for people: grades.csv and the summary (``grades``), each student's feedback
(``feedback``), and the class report for the instructor (``class_report``)."""
