"""Web pages: the SPARQL endpoint, the network page and the ontology reference, each page a Jinja template."""
