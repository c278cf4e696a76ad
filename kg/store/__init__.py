"""Store and query: the persistent store, the query library and its result formats, pushing to another triple store."""
