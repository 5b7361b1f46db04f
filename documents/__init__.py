"""Official documents (Word and PDF with the state heading) built from the records of the apps below."""
