"""Log lines for standard output: one line per event, a server error's place on the same line."""

import logging
import traceback


class OneLineFormatter(logging.Formatter):
    """`time level logger message`, and for an exception its type, message and innermost frame.

    Django's own message for a server error already names the path ("Internal Server Error:
    /en/now/"); a whole traceback would spread one error over forty lines of a shared log.
    """

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record):
        exc_info, record.exc_info, record.exc_text = record.exc_info, None, None
        line = super().format(record)
        record.exc_info = exc_info
        if exc_info and exc_info[1] is not None:
            error = exc_info[1]
            frames = traceback.extract_tb(exc_info[2])
            where = f" at {frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}"
            line += f" ({type(error).__name__}: {error}{where if frames else ''})"
        return line.replace("\n", " ")
