"""Local stand-ins for publishers' sites: generated pages in each real page shape, linking to
generated review documents, with a "later" state and hostile cases; served on 127.0.0.1."""
