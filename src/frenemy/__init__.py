"""frenemy: are these two actors allies or enemies, since when, and who says so?"""

__version__ = "0.1.0"
# Bumped whenever extraction output changes; stored on each document so --reprocess knows.
PIPELINE_VERSION = "1"
