# Loaded by scripts/fuzz.ts (SCHEMATHESIS_HOOKS): bodies schemathesis cannot serialize by itself.
import schemathesis
from hypothesis import strategies as st

# PUT /invoices/{id}/document takes the PDF itself as the body: a tiny valid file and arbitrary bytes.
schemathesis.openapi.media_type("application/pdf", st.one_of(st.just(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), st.binary(max_size=64)))
