#!/usr/bin/env python3
"""Cross-check of tiva-spark's EXIOBASE 2 reader (--format exiobase2) against pymrio.

Usage: exiobase2.py RELEASE CSV_DIR [RELEASE CSV_DIR ...]

RELEASE is an EXIOBASE 2 table as downloaded (the coefficient zip, e.g. pymrio's exio2_mock
mrIOT_PxP_ita_coefficient_version2.2.2.zip, or its folder), CSV_DIR what tiva-spark read from it
(DIR/exiobase2 of the common test Exio12CrosscheckDump). pymrio parses RELEASE with
parse_exiobase2(charact=False, popvector=None): the characterisation workbook's impacts are not read by
tiva-spark (docs/sources/exiobase1-2.md). Everything else as exiobase1.py, whose code this runs.
"""
import sys

from exiobase1 import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], 2))
