"""Quote anchoring: `argmap.anchor.find` is its public face (see its documentation)."""
