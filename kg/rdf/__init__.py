"""Map to RDF: namespaces, IRIs, the mapping of records and analysis to quads, the dataset description, reading, writing and validating RDF."""
