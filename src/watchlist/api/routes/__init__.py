"""The API's routes, one module per concern; each only calls into the library."""
