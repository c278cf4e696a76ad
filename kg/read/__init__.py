"""Read: a document's bytes → lines → tables → typed records (kg.records), one module per input kind and layout."""
