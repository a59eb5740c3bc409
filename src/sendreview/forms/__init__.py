"""Excel forms: a fillable workbook per academy, and reading a returned one back.

Most SENCOs never edit YAML. The trust's SEND lead keeps the review repository, sends each
SENCO a workbook made by ``sendreview form`` and reads the returned workbook back with
``sendreview import``. The modules here keep that round trip exact:

- :mod:`~sendreview.forms.layout`: the one definition of the workbook's layout (sheets,
  columns, labels, where the metadata lives), shared by the writer and the reader;
- :mod:`~sendreview.forms.values`: how a cell's text, ratings, dates and lists are read;
- :mod:`~sendreview.forms.writer`, :mod:`~sendreview.forms.sheet_writer` and
  :mod:`~sendreview.forms.cell_writer`: write the workbook (with the report's typeface,
  rating colours and text rule, from :mod:`sendreview.excel`), on the skeleton that
  :mod:`~sendreview.forms.workbook` gives both forms;
- :mod:`~sendreview.forms.opening` (the file), :mod:`~sendreview.forms.meta` (whose form it
  is), :mod:`~sendreview.forms.tables` and :mod:`~sendreview.forms.reader` (the answers, with
  :mod:`~sendreview.forms.read_statements`, :mod:`~sendreview.forms.read_actions` and
  :mod:`~sendreview.forms.reading`): read it back; :mod:`~sendreview.forms.subject`
  refuses another trust's form;
- :mod:`~sendreview.forms.checks`: the rules of ``validate``, placed at sheet and cell;
- :mod:`~sendreview.forms.compare`: what an import would change, statement by statement;
- :mod:`~sendreview.forms.merge`: the three-way import, who changed each answer since the
  form was written (the form, the YAML, or both: a conflict);
- :mod:`~sendreview.forms.results`: what the two commands return for render/ to show;
- :mod:`~sendreview.forms.yamlupdate`: change only those values in the YAML file;
- the moderator's form (``form --moderation``) has its own layout, writer, reader, checks,
  comparison and YAML update (the ``moderation_*`` modules), and shares the rest: the cells,
  the text rule, the metadata sheet (its ``kind`` says which file a form fills in) and the
  three-way import, which :class:`~sendreview.forms.compare.Kind` tells how to read either;
- the two commands themselves are :mod:`sendreview.commands.form` and
  :mod:`sendreview.commands.import_review` (a moderation form's:
  :mod:`sendreview.commands.form_moderation`, :mod:`sendreview.commands.import_moderation`).

openpyxl and ruamel.yaml are imported only by the modules that need them, so importing this
package costs nothing.
"""
