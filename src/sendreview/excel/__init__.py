"""openpyxl plumbing shared by the Excel report and the Excel forms."""
