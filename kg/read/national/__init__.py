"""The reader of the national template family: 项目支出绩效目标申报表 / 批复表 / 绩效目标表 and the
self-evaluation 自评表 / 评价表, as text copied from web pages, PDFs and spreadsheet previews.

Every province prints the same framework (一级 产出/效益/成本/满意度, their 二级 kinds, 三级 indicators
with a target) in its own form. The reader finds the indicator table by its header (一级指标 二级指标
三级指标 指标值 …, glued, one cell a line, or in a row), reads the columns that header names, and then
reads the rows in the shape the text has, a module a shape:

- ``lines``: one row a line, cells split by pipes, tabs or runs of spaces; tier cells printed once per
  group are carried down, tier names wrapped over two lines are joined;
- ``cells``: one cell a line (`` |`` ends each), empty cells as ``|`` lines: rows by the header's columns;
- ``plain``: one cell a line without pipes: a row its name and then one cell a column;
- ``stream``: the whole table on one line of space-separated tokens;
- ``glued``: no separator at all: rows by the shape of their values (``>=2个0个0%``).

Beside them: ``words`` (what the forms print: tier names, headings, labels, comparators), ``normalise``
(the text made readable first), ``header`` (the table's header and shape), ``rows`` (what every shape
shares), ``indicators`` (a row as a kg.records.Indicator), ``facts`` and ``places`` (the form's project,
unit, amounts, goal, region and year), and ``forms``, which reads a whole text (`parse_national`).

Tier names are matched in Simplified form (names themselves stay as printed); every reading that could
be wrong (a tier not printed, a comparator not printed, glued digits split, the year or region taken
from the page) is a kg.records.Reading with its evidence. A row kg cannot read is a skipped line with
its reason, never a guess; a table cut off by the end of the text makes a partial document.
"""
