"""The network page's node limit, apart from kg.web.viz so that `kg --help` need not import networkx."""

# About as many nodes as vis-network lays out in a few seconds on a laptop and keeps responsive.
DEFAULT_MAX_NODES = 1000
MAX_NODES_HELP = (
    f"Node limit of the page [default: {DEFAULT_MAX_NODES}]. A graph with more nodes (a corpus of "
    "many departments) is drawn as an overview of departments, their activities and indicator "
    "counts per tier; choose a department on the page to draw all its projects and indicators."
)
