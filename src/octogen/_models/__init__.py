"""Public value classes: frozen attrs models built from the wire format. No I/O."""
