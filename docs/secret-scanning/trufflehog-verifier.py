#!/usr/bin/env python3
"""Verification webhook for the TruffleHog custom detector in trufflehog.yaml.

TruffleHog POSTs {"KeycloakPersonalAccessToken": {"token": ["kcpat_..."]}}; this answers 200 when the token is live
in the Keycloak realm given by KEYCLOAK_URL and KEYCLOAK_REALM (it asks /personal-access-tokens/self with the token as
the bearer), 403 otherwise. A value whose checksum is wrong is refused offline, without asking Keycloak.

    KEYCLOAK_URL=https://sso.example.com KEYCLOAK_REALM=acme python3 trufflehog-verifier.py
"""
import json
import os
import urllib.error
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
PREFIX = os.environ.get("TOKEN_PREFIX", "kcpat_")
SELF = "{}/realms/{}/personal-access-tokens/self".format(
    os.environ.get("KEYCLOAK_URL", "http://localhost:8080").rstrip("/"), os.environ.get("KEYCLOAK_REALM", "demo"))


def base62(n, width):
    out = ""
    for _ in range(width):
        n, r = divmod(n, 62)
        out = ALPHABET[r] + out
    return out if n == 0 else None


def well_formed(token):
    if not token.startswith(PREFIX) or len(token) != len(PREFIX) + 49:
        return False
    if any(c not in ALPHABET for c in token[len(PREFIX):]):
        return False
    return base62(zlib.crc32(token[:-6].encode("ascii")), 6) == token[-6:]


def live(token):
    request = urllib.request.Request(SELF, headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status == 200
    except urllib.error.HTTPError:
        return False


class Verifier(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        tokens = [t for matches in body.values() for t in matches.get("token", [])]
        ok = any(well_formed(t) and live(t) for t in tokens)
        self.send_response(200 if ok else 403)
        self.end_headers()

    def log_message(self, *args):
        pass  # never log a token


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8765"))), Verifier).serve_forever()
