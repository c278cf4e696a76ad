"""Analyse: what kg infers from a document's records before any RDF exists (audit findings, 表06 function links, the activity trace)."""
