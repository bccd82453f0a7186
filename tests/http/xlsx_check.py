#!/usr/bin/env python3
"""Reads the first worksheet of an .xlsx file with openpyxl (an independent
reader, Debian's python3-openpyxl) and prints one JSON array per row; each
cell is [value, number format, openpyxl's data type ("s" text, "n" number,
"d" date, "f" formula)], numbers as numbers and dates as "YYYY-MM-DD"."""
import datetime
import json
import sys

from openpyxl import load_workbook


def value(cell):
    if isinstance(cell.value, datetime.datetime):
        return cell.value.date().isoformat()
    return cell.value


def main(path):
    sheet = load_workbook(path).worksheets[0]
    print(json.dumps({"title": sheet.title}, ensure_ascii=False))
    for row in sheet.iter_rows():
        print(json.dumps([[value(cell), cell.number_format, cell.data_type]
                          for cell in row], ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
