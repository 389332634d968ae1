"""The no-I/O core shared by `Client` and `AsyncClient`: argument checks, the operation
table, request building, response reading and error mapping. No sockets, no sleeping."""
